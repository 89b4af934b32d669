using System.Globalization;
using Dialogs.Dates;
using Dialogs.Protocol;
using Knowledge;

namespace Dialogs.Main;

/// <summary>Builds the reply for a knowledge entry: the text for the date asked about, the source, follow-up buttons.</summary>
public static class AnswerComposer
{
    public static string Text(KnowledgeEntry entry, string question, Language language, DateOnly today)
    {
        var culture = language.Culture();
        var body = PeriodAnswer.Text(entry, question, language, today);
        if (entry.Valid is { } valid && !valid.Contains(today))
        {
            body += " " + string.Format(culture, Messages.ValidOnly.For(language), Range(valid, language));
        }
        var source = $"[{Messages.Source.For(language)}: {Host(entry.Source)}]({entry.Source})";
        // An unreviewed translation says so, and links the Swedish original.
        if (entry.Answer.IsUnreviewedTranslation(language) || entry.PeriodAt(today)?.Answer.IsUnreviewedTranslation(language) == true)
        {
            source += "\n\n" + string.Format(culture, LanguageMessages.TranslationNote.For(language), entry.Source);
        }
        return $"{body}\n\n{source}";
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
        entry.QuestionsIn(language) is { Count: > 0 } questions ? questions[0] : entry.Question;

    private static string Range(DateRange range, Language language)
    {
        var culture = language.Culture();
        return (range.From, range.To) switch
        {
            ({ } from, { } to) => $"{from.ToString("d MMMM yyyy", culture)} – {to.ToString("d MMMM yyyy", culture)}",
            ({ } from, null) => string.Format(culture, Messages.FromDate.For(language), from.ToString("d MMMM yyyy", culture)),
            (null, { } to) => string.Format(culture, Messages.UntilDate.For(language), to.ToString("d MMMM yyyy", culture)),
            _ => "",
        };
    }

    private static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.Replace("www.", "", StringComparison.Ordinal) : url;
}
