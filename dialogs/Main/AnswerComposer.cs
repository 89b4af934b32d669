using System.Globalization;
using Dialogs.Dates;
using Dialogs.Protocol;
using Knowledge;

namespace Dialogs.Main;

/// <summary>Builds the reply for a knowledge entry: the text for the date asked about, the source, follow-up buttons.</summary>
public static class AnswerComposer
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Text(KnowledgeEntry entry, string question, Language language, DateOnly today)
    {
        var culture = language == Language.English ? English : Swedish;
        var body = PeriodAnswer.Text(entry, question, language, today);
        if (entry.Valid is { } valid && !valid.Contains(today))
        {
            body += " " + string.Format(culture, Messages.ValidOnly.For(language), Range(valid, culture));
        }
        return $"{body}\n\n[{Messages.Source.For(language)}: {Host(entry.Source)}]({entry.Source})";
    }

    public static IReadOnlyList<CardAction> Followups(KnowledgeEntry entry, KnowledgeBase knowledge, Language language)
    {
        var actions = entry.Followups
            .Select(knowledge.Find)
            .OfType<KnowledgeEntry>()
            .Select(f => CardAction.ImBack(QuestionIn(f, language)))
            .ToList();
        if (entry.OfferGuide)
        {
            actions.Add(CardAction.ImBack(Messages.TalkToGuideButton.For(language)));
        }
        return actions;
    }

    /// <summary>The entry's question as a resident would see it in their language.</summary>
    public static string QuestionIn(KnowledgeEntry entry, Language language) =>
        language == Language.English && entry.QuestionsEn.Count > 0 ? entry.QuestionsEn[0] : entry.Question;

    private static string Range(DateRange range, CultureInfo culture) => (range.From, range.To) switch
    {
        ({ } from, { } to) => $"{from.ToString("d MMMM yyyy", culture)} – {to.ToString("d MMMM yyyy", culture)}",
        ({ } from, null) => $"{(culture == English ? "from" : "från")} {from.ToString("d MMMM yyyy", culture)}",
        (null, { } to) => $"{(culture == English ? "until" : "till")} {to.ToString("d MMMM yyyy", culture)}",
        _ => "",
    };

    private static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.Replace("www.", "", StringComparison.Ordinal) : url;
}
