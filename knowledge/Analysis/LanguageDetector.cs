using System.Text.RegularExpressions;

namespace Knowledge.Analysis;

/// <summary>
/// Tells Swedish from English in a short message by its function words and letters. When the
/// message gives no evidence (a name, a number), the conversation's language stays.
/// </summary>
public static partial class LanguageDetector
{
    private static readonly HashSet<string> Swedish = new(StringComparer.Ordinal)
    {
        "och", "är", "jag", "det", "hur", "vad", "var", "när", "vem", "kan", "min", "mitt", "mina", "ett", "en", "på",
        "för", "med", "till", "har", "inte", "om", "vilken", "vilket", "vilka", "får", "ska", "tack", "hej", "hejsan",
        "man", "måste", "finns", "gäller", "vill", "någon", "något", "mig", "jobbet", "dag", "idag", "imorgon", "öppet",
        "också", "eller", "av", "från", "kostar", "varför", "behöver", "du", "ni", "vi", "de", "den", "som", "att",
        "efter", "under", "utan", "vid", "hos", "bor", "hemma", "snälla", "tjena", "hallå", "mitt", "vår", "ingen",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "is", "are", "what", "how", "when", "where", "who", "can", "i", "my", "to", "of", "for", "with", "do",
        "does", "please", "thanks", "thank", "hello", "hi", "you", "a", "an", "and", "open", "which", "there", "it",
        "in", "on", "at", "should", "need", "get", "have", "has", "will", "would", "could", "your", "our", "this",
        "that", "if", "from", "about", "much", "many", "long", "why", "be", "report", "pay", "apply", "me", "someone",
        "street", "library", "school", "child", "city", "not", "working", "am", "was", "were", "did", "new", "year",
    };

    public static Language Detect(string text, Language fallback = Language.Swedish)
    {
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        double swedish = 0, english = 0;
        foreach (var word in words)
        {
            if (Swedish.Contains(word))
            {
                swedish += 1;
            }
            if (English.Contains(word))
            {
                english += 1;
            }
            if (word.Any(c => c is 'å' or 'ä' or 'ö'))
            {
                swedish += 0.5;
            }
        }
        if (swedish == english)
        {
            return fallback;
        }
        return english > swedish ? Language.English : Language.Swedish;
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
