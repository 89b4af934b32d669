using System.Text.RegularExpressions;
using Dialogs.Privacy;

namespace Dialogs.Handoff;

/// <summary>
/// Picks the details a guide would otherwise ask for out of the resident's messages: contact
/// details, addresses and places, dates, reference numbers. Personal identity numbers are only
/// noted as given, never copied.
/// </summary>
public static partial class DetailExtractor
{
    public static IReadOnlyList<CaseDetail> Extract(IEnumerable<string> messages)
    {
        var details = new List<CaseDetail>();
        foreach (var message in messages)
        {
            if (PersonalData.ContainsIdentityNumber(message))
            {
                Add(details, "personnummer", PersonalData.Mask + " (lämnat i chatten, maskerat)");
            }
            var text = PersonalData.MaskIdentityNumbers(message);
            foreach (Match m in Email().Matches(text))
            {
                Add(details, "e-post", m.Value);
            }
            foreach (Match m in Phone().Matches(text))
            {
                Add(details, "telefon", m.Value.Trim());
            }
            foreach (Match m in Reference().Matches(text))
            {
                Add(details, "referensnummer", m.Value);
            }
            foreach (Match m in Address().Matches(text))
            {
                Add(details, "adress", m.Value);
            }
            foreach (Match m in Place().Matches(text))
            {
                Add(details, "plats", m.Groups["place"].Value);
            }
            foreach (Match m in DateWords().Matches(text))
            {
                Add(details, "datum", m.Value);
            }
        }
        return details;
    }

    private static void Add(List<CaseDetail> details, string kind, string value)
    {
        if (!details.Any(d => d.Kind == kind && string.Equals(d.Value, value, StringComparison.OrdinalIgnoreCase)))
        {
            details.Add(new CaseDetail(kind, value));
        }
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d-])(\+46\s?|0)(7\d|[1-9]\d{0,2})[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2,3}(?![\d])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(FR-\d{4}-\d{6}|[A-ZÅÄÖ]{2,6}[- ]?\d{4}[-/]\d{2,6}|(?i:ärende(nummer)?|dnr|diarienummer|referens(nummer)?|fakturanummer|ordernummer)\s*(nr\.?|:)?\s*[\w-]*\d[\w-]*)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}-]*(gatan|vägen|gata|väg|torget|torg|allén|leden|backen|plan|stigen|gränd|platsen|liden|esplanaden)\s+\d+\s?[A-Za-z]?\b")]
    private static partial Regex Address();

    [GeneratedRegex(@"\b(vid|på|i|utanför|nära|at|near|outside|in)\s+(?<place>(\p{Lu}[\p{L}-]+)(\s\p{Lu}[\p{L}-]+)*)")]
    private static partial Regex Place();

    [GeneratedRegex(@"(?i)\b(\d{4}-\d{2}-\d{2}|\d{1,2}\s(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(\s\d{4})?|i\s(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)|igår|i går|idag|i dag|i förrgår|förra veckan|i morse|yesterday|today|last week)\b")]
    private static partial Regex DateWords();
}
