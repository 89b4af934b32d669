namespace Knowledge;

/// <summary>The languages residents are answered in. Easy Swedish (lättläst) is a mode the resident chooses.</summary>
public enum Language
{
    Swedish,
    English,
    Finnish,
    Arabic,
    Persian,
    Somali,
    EasySwedish,
}

public static class LanguageCodes
{
    private static readonly (Language Language, string Code, string Locale, string Culture, string NameSv)[] Table =
    [
        (Language.Swedish, "sv", "sv-SE", "sv-SE", "svenska"),
        (Language.English, "en", "en-US", "en-GB", "engelska"),
        (Language.Finnish, "fi", "fi-FI", "fi-FI", "finska"),
        (Language.Arabic, "ar", "ar", "ar-SA", "arabiska"),
        (Language.Persian, "fa", "fa-IR", "fa-IR", "persiska"),
        (Language.Somali, "so", "so-SO", "so-SO", "somaliska"),
        (Language.EasySwedish, "sv-easy", "sv-SE", "sv-SE", "lättläst svenska"),
    ];

    /// <summary>The code used in content keys, the corpus, state and the APIs: sv, en, fi, ar, fa, so, sv-easy.</summary>
    public static string Code(this Language language) => Row(language).Code;

    /// <summary>The BCP-47 locale put on reply activities.</summary>
    public static string Locale(this Language language) => Row(language).Locale;

    /// <summary>The .NET culture for dates and numbers (Gregorian calendar, Western digits).</summary>
    public static System.Globalization.CultureInfo Culture(this Language language) => Cultures[(int)language];

    /// <summary>The language's name in Swedish, for guides and statistics ("finska").</summary>
    public static string SwedishName(this Language language) => Row(language).NameSv;

    public static bool IsRightToLeft(this Language language) => language is Language.Arabic or Language.Persian;

    /// <summary>Languages whose content is a translation of the Swedish original (English is written with it).</summary>
    public static bool IsTranslated(this Language language) => language is not (Language.Swedish or Language.English);

    /// <summary>The language residents write in when they use this one (easy Swedish is read, not written, differently).</summary>
    public static Language Written(this Language language) => language == Language.EasySwedish ? Language.Swedish : language;

    /// <summary>The language codes the corpus and the content use.</summary>
    public static IReadOnlyList<string> All { get; } = Table.Select(r => r.Code).ToArray();

    public static IReadOnlyList<Language> Served { get; } = Table.Select(r => r.Language).ToArray();

    /// <summary>The languages with a text of their own in the content besides Swedish and English.</summary>
    public static IReadOnlyList<Language> Translations { get; } = Table.Select(r => r.Language).Where(IsTranslated).ToArray();

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);

    /// <summary>A code or a locale ("fi", "fi-FI", "sv-easy"); anything else is Swedish.</summary>
    public static Language FromCode(string? code) => TryFromCode(code) ?? Language.Swedish;

    /// <summary>The translated language whose content code is exactly <paramref name="code"/> ("fi", "sv-easy"); null for sv, en, locales and anything else.</summary>
    public static Language? TranslatedFromCode(string? code) =>
        TryFromCode(code) is { } language && language.IsTranslated() && language.Code() == code ? language : null;

    public static Language? TryFromCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        code = code.Trim();
        if (code.Equals("sv-easy", StringComparison.OrdinalIgnoreCase))
        {
            return Language.EasySwedish;
        }
        var primary = code.Split('-', '_')[0].ToLowerInvariant();
        foreach (var row in Table)
        {
            if (row.Code == primary)
            {
                return row.Language;
            }
        }
        return primary == "per" ? Language.Persian : null;
    }

    private static readonly System.Globalization.CultureInfo[] Cultures =
        Table.Select(r => DateCulture(r.Culture)).ToArray();

    /// <summary>Dates are written in the Gregorian calendar with Western digits in every language.</summary>
    private static System.Globalization.CultureInfo DateCulture(string name)
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.GetCultureInfo(name).Clone();
        if (culture.Calendar is not System.Globalization.GregorianCalendar)
        {
            var gregorian = culture.OptionalCalendars.OfType<System.Globalization.GregorianCalendar>().FirstOrDefault();
            culture.DateTimeFormat.Calendar = gregorian ?? new System.Globalization.GregorianCalendar();
        }
        culture.NumberFormat.NativeDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        return System.Globalization.CultureInfo.ReadOnly(culture);
    }

    private static (Language Language, string Code, string Locale, string Culture, string NameSv) Row(Language language) =>
        Table[(int)language];
}
