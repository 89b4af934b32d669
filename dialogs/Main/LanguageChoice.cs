using System.Text.RegularExpressions;
using Knowledge;
using Knowledge.Analysis;

namespace Dialogs.Main;

/// <summary>
/// Which language the bot answers in: the one the resident chose (the widget's language menu sends
/// an event, Messenger a quick reply with the language's name) or the one the message is written in.
/// </summary>
public static partial class LanguageChoice
{
    /// <summary>The widget's event when the resident picks a language: value = code (sv, en, fi, ar, fa, so, sv-easy).</summary>
    public const string EventName = "setLanguage";

    /// <summary>The button that opens the language choice, in every channel.</summary>
    public const string MenuButton = "🌐 Språk / Language";

    /// <summary>The conversation's language after a message: its own language when it shows one, else the one before.</summary>
    public static Language Resolve(Language current, DetectedLanguage detected) => detected.Language switch
    {
        null => current,
        // Easy Swedish is read differently, but written like Swedish.
        Language.Swedish when current == Language.EasySwedish => current,
        { } language => language,
    };

    /// <summary>A message that only names a language ("Suomi", "العربية", "English"): the resident picks it.</summary>
    public static Language? Named(string text)
    {
        var key = Key(text);
        foreach (var language in LanguageCodes.Served)
        {
            if (Key(LanguageMessages.Name.For(language)) == key)
            {
                return language;
            }
        }
        return OtherNames.TryGetValue(key, out var named) ? named : null;
    }

    /// <summary>"språk", "change language", "kieli", "اللغة" …: the resident wants to choose a language.</summary>
    public static bool IsMenuRequest(string text) => MenuWords.Contains(Key(text)) || Key(text) == Key(MenuButton);

    private static readonly Dictionary<string, Language> OtherNames = new(StringComparer.Ordinal)
    {
        ["svenska"] = Language.Swedish, ["swedish"] = Language.Swedish, ["på svenska"] = Language.Swedish,
        ["engelska"] = Language.English, ["in english"] = Language.English, ["på engelska"] = Language.English,
        ["suomeksi"] = Language.Finnish, ["finska"] = Language.Finnish, ["finnish"] = Language.Finnish, ["på finska"] = Language.Finnish,
        ["عربي"] = Language.Arabic, ["عربى"] = Language.Arabic, ["بالعربي"] = Language.Arabic, ["arabiska"] = Language.Arabic, ["arabic"] = Language.Arabic,
        ["فارسى"] = Language.Persian, ["farsi"] = Language.Persian, ["persiska"] = Language.Persian, ["persian"] = Language.Persian, ["به فارسی"] = Language.Persian,
        ["somali"] = Language.Somali, ["af soomaali"] = Language.Somali, ["somaliska"] = Language.Somali, ["soomaali"] = Language.Somali,
        ["lättläst"] = Language.EasySwedish, ["lattlast"] = Language.EasySwedish, ["lättläst svenska"] = Language.EasySwedish, ["easy swedish"] = Language.EasySwedish,
        ["enkel svenska"] = Language.EasySwedish, ["lätt svenska"] = Language.EasySwedish,
    };

    private static readonly HashSet<string> MenuWords = new(StringComparer.Ordinal)
    {
        "språk", "byt språk", "välj språk", "annat språk", "andra språk", "language", "languages", "change language", "choose language",
        "other languages", "kieli", "vaihda kieli", "valitse kieli", "اللغة", "لغة", "تغيير اللغة", "اختر اللغة", "زبان", "تغییر زبان",
        "انتخاب زبان", "luqad", "luqadda", "dooro luqadda", "beddel luqadda",
    };

    private static string Key(string text) => Spaces().Replace(NotLetters().Replace(text.ToLowerInvariant(), " "), " ").Trim();

    [GeneratedRegex(@"[^\p{L}\p{M}]+")]
    private static partial Regex NotLetters();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
