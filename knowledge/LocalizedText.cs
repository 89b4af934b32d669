namespace Knowledge;

/// <summary>A text in Swedish and English; Swedish is the fallback.</summary>
public sealed record LocalizedText(string Sv, string En)
{
    public string For(Language language) =>
        language == Language.English && !string.IsNullOrWhiteSpace(En) ? En : Sv;
}
