namespace Knowledge;

/// <summary>
/// A text in Swedish and English, and in the languages it has been translated into. Swedish is the
/// fallback. A fixed message's translations live in content/messages.yaml (see <see cref="MessageCatalog"/>).
/// </summary>
public sealed record LocalizedText(string Sv, string En)
{
    /// <summary>The text in the other languages (Finnish, Arabic, Persian, Somali, easy Swedish).</summary>
    public IReadOnlyDictionary<Language, string> Translations { get; init; } = new Dictionary<Language, string>();

    /// <summary>The translated languages an editor has checked.</summary>
    public IReadOnlySet<Language> Reviewed { get; init; } = new HashSet<Language>();

    public string For(Language language) => Find(language)?.Text ?? (language == Language.English && !string.IsNullOrWhiteSpace(En) ? En : Sv);

    /// <summary>True when <see cref="For"/> gives a translation into <paramref name="language"/> that nobody has reviewed.</summary>
    public bool IsUnreviewedTranslation(Language language) => Find(language) is { Reviewed: false };

    /// <summary>True when the text exists in <paramref name="language"/> (not only its Swedish fallback).</summary>
    public bool Has(Language language) => language switch
    {
        Language.Swedish => true,
        Language.English => !string.IsNullOrWhiteSpace(En),
        _ => Find(language) is not null,
    };

    /// <summary>True when <paramref name="text"/> is this text in any language (a button the resident pressed or typed).</summary>
    public bool Matches(string text)
    {
        var t = text.Trim().TrimEnd('.', '!', '؟', '?');
        return LanguageCodes.Served.Any(l => Has(l) && string.Equals(For(l).Trim().TrimEnd('.', '!', '؟', '?'), t, StringComparison.OrdinalIgnoreCase));
    }

    private (string Text, bool Reviewed)? Find(Language language)
    {
        if (!language.IsTranslated())
        {
            return null;
        }
        if (Translations.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text))
        {
            return (text, Reviewed.Contains(language));
        }
        return MessageCatalog.Find(this, language);
    }

    public bool Equals(LocalizedText? other) => other is not null && Sv == other.Sv && En == other.En;

    public override int GetHashCode() => HashCode.Combine(Sv, En);
}
