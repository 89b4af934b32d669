namespace Knowledge;

/// <summary>The languages residents are answered in.</summary>
public enum Language
{
    Swedish,
    English,
}

public static class LanguageCodes
{
    public static string Code(this Language language) => language == Language.English ? "en" : "sv";

    /// <summary>The language codes the corpus and the content use.</summary>
    public static IReadOnlyList<string> All { get; } = ["sv", "en"];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);

    public static Language FromCode(string? code) =>
        code is not null && code.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Language.English : Language.Swedish;
}
