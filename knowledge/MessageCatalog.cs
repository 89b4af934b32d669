using System.Collections.Concurrent;

namespace Knowledge;

/// <summary>
/// The translations of the bot's fixed messages. The messages themselves are static fields in the code
/// (Swedish and English); each is registered under its key ("FaultReportMessages.Start") and its other
/// languages come from content/messages.yaml, reloaded with the rest of the content.
/// </summary>
public static class MessageCatalog
{
    private static readonly ConcurrentDictionary<LocalizedText, string> Keys = new(ReferenceEqualityComparer.Instance);
    private static readonly ConcurrentDictionary<string, LocalizedText> Registered = new(StringComparer.Ordinal);
    private static volatile IReadOnlyDictionary<string, MessageTranslation> translations = new Dictionary<string, MessageTranslation>();

    /// <summary>Registers every static <see cref="LocalizedText"/> field of <paramref name="type"/> as "Type.Field" (lists as "Type.Field[0]", maps as "Type.Field[key]").</summary>
    public static void Register(Type type)
    {
        foreach (var field in type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        {
            switch (field.GetValue(null))
            {
                case LocalizedText text:
                    Register($"{type.Name}.{field.Name}", text);
                    break;
                case IReadOnlyList<LocalizedText> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        Register($"{type.Name}.{field.Name}[{i}]", list[i]);
                    }
                    break;
                case IReadOnlyDictionary<string, LocalizedText> named:
                    foreach (var (name, text) in named)
                    {
                        Register($"{type.Name}.{field.Name}[{name}]", text);
                    }
                    break;
            }
        }
    }

    /// <summary>Registers the messages of every static class named "…Messages" in <paramref name="assembly"/>.</summary>
    public static void RegisterMessageClasses(System.Reflection.Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Messages", StringComparison.Ordinal)))
        {
            Register(type);
        }
    }

    public static void Register(string key, LocalizedText text)
    {
        Keys[text] = key;
        Registered[key] = text;
    }

    /// <summary>The registered keys and their Swedish and English texts.</summary>
    public static IReadOnlyDictionary<string, LocalizedText> Messages => Registered;

    public static IReadOnlyDictionary<string, MessageTranslation> Translations => translations;

    /// <summary>
    /// The Swedish text of a button pressed in a translated language ("Ohita" → "Hoppa över"), so that
    /// the rest of the turn reads it as it reads the Swedish button; null when the text is no such button.
    /// </summary>
    public static string? SwedishButton(string text)
    {
        var t = text.Trim();
        foreach (var (key, message) in translations)
        {
            if (IsButton(key) && Registered.TryGetValue(key, out var registered)
                && message.Texts.Values.Any(v => string.Equals(v.Trim(), t, StringComparison.OrdinalIgnoreCase)))
            {
                return registered.Sv;
            }
        }
        return null;
    }

    private static bool IsButton(string key) =>
        key.Contains("Button", StringComparison.Ordinal) || key.StartsWith("Messages.WelcomeTopics[", StringComparison.Ordinal) || key.StartsWith("FaultCategories.", StringComparison.Ordinal);

    public static void Use(IReadOnlyDictionary<string, MessageTranslation> loaded) => translations = loaded;

    // A translation whose {0}, {1} … differ from the Swedish text would break string.Format or lose a value:
    // it is not used (the Swedish text is) until an editor fixes it; `knowledge check` names it.
    internal static (string Text, bool Reviewed)? Find(LocalizedText text, Language language) =>
        Keys.TryGetValue(text, out var key) && translations.TryGetValue(key, out var message) &&
        message.Texts.TryGetValue(language, out var translated) && !string.IsNullOrWhiteSpace(translated)
        && Content.TranslationReport.SamePlaceholders(text.Sv, translated)
            ? (translated, message.Reviewed.Contains(language))
            : null;
}

/// <summary>One fixed message in the translated languages, with the languages an editor has checked.</summary>
public sealed record MessageTranslation(IReadOnlyDictionary<Language, string> Texts, IReadOnlySet<Language> Reviewed, SourceLocation Location);
