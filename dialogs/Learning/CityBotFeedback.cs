using Dialogs.Engine;
using Dialogs.Handoff;
using Dialogs.Intents;
using Dialogs.Learning;
using Dialogs.Privacy;
using Dialogs.Protocol;
using Knowledge;
using Knowledge.Search;

namespace Dialogs.Main;

/// <summary>
/// The feedback step after an answer ("Ja, tack" / "Nej" buttons, or "det hjälpte inte" in free
/// text) and the turn record for statistics. Kept apart from the main dialog so that it stays small.
/// </summary>
public sealed partial class CityBot
{
    /// <summary>Messenger shows at most 13 quick replies; two are the feedback buttons.</summary>
    private const int MaxButtonsWithFeedback = 13;

    private static readonly HashSet<string> HelpfulWords = new(StringComparer.Ordinal)
    {
        "ja tack", "ja", "japp", "jo", "ja det hjälpte", "det hjälpte", "ja tack det hjälpte", "tack det hjälpte", "👍",
        "yes", "yes thanks", "yes thank you", "it helped", "that helped", "yes it helped",
    };

    private static readonly HashSet<string> NotHelpfulWords = new(StringComparer.Ordinal)
    {
        "nej", "nej tyvärr", "nej det gjorde det inte", "inte riktigt", "nä", "nope", "👎", "no", "no it didn't", "not really",
    };

    /// <summary>The resident's verdict on the answer just given: whether it helped, which entry, and the question it answered.</summary>
    private sealed record Verdict(bool Helpful, string EntryId, string Question);

    /// <summary>
    /// A verdict only counts right after an answer from the bot; "Nej" at any other point is an
    /// ordinary message. Emergencies always win.
    /// </summary>
    private static Verdict? FeedbackOf(Activity activity, ConversationState state)
    {
        if (activity.Type != ActivityTypes.Message || (state.Owner != ConversationOwners.Bot && !state.BotWhileQueued)
            || state.History.LastOrDefault() is not { Outcome: Outcomes.Answer, AnswerId: { } entryId } last)
        {
            return null;
        }
        var raw = activity.Text ?? "";
        var intent = IntentRecognizer.Recognize(raw);
        if (intent is Intent.Emergency or Intent.SelfHarm)
        {
            return null;
        }
        var text = string.Join(' ', raw.ToLowerInvariant().Split([' ', ',', '.', '!', '?', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (HelpfulWords.Contains(text))
        {
            return new Verdict(true, entryId, last.Question);
        }
        return NotHelpfulWords.Contains(text) || intent == Intent.NotHelpful ? new Verdict(false, entryId, last.Question) : null;
    }

    /// <summary>
    /// "Ja, tack": a short thanks. "Nej": the other entries that matched the question as options, or,
    /// when there are none, a service guide.
    /// </summary>
    private async Task<(ConversationState, BotDecision)> OnFeedbackAsync(
        ITurnContext turn, ConversationState state, Verdict verdict, IAnswerSource answers, Language language, CancellationToken cancellationToken)
    {
        var text = (turn.Activity.Text ?? "").Trim();
        if (verdict.Helpful)
        {
            await SendAsync(turn, FeedbackMessages.Thanks.For(language), language, cancellationToken);
            return (Remember(state, text, Outcomes.SmallTalk), Decision(Outcomes.SmallTalk, language, verdict.EntryId));
        }
        var result = await answers.SearchAsync(verdict.Question, language, cancellationToken);
        var best = result.Top?.Match ?? 0;
        var others = result.Candidates
            .Where(c => c.Entry.Id != verdict.EntryId && !c.Entry.Handoff && c.Match >= best - ClarifySpread)
            .Take(MaxClarifyOptions)
            .ToList();
        if (others.Count == 0)
        {
            // Ask before queueing: a single "Nej" should not put anyone in a queue they did not ask for.
            await SendAsync(turn, $"{FeedbackMessages.Sorry.For(language)} {AfterHandoffMessages.AskBeforeQueue.For(language)}", language, cancellationToken,
                [CardAction.ImBack(Messages.TalkToGuideButton.For(language))]);
            return (Remember(state with { PendingOptions = [] }, text, Outcomes.SmallTalk), Decision(Outcomes.Fallback, language, null, result.Confidence));
        }
        var buttons = others
            .Select(c => CardAction.ImBack(AnswerComposer.QuestionIn(c.Entry, language)))
            .Append(CardAction.ImBack(Messages.NoneOfTheseButton.For(language)))
            .Append(CardAction.ImBack(Messages.TalkToGuideButton.For(language)))
            .ToList();
        await SendAsync(turn, FeedbackMessages.OtherOptions.For(language), language, cancellationToken, buttons);
        var candidates = others.Select(c => new DecisionCandidate(c.Entry.Id, Math.Round(c.Match, 3))).ToList();
        return (Remember(state with { PendingOptions = others.Select(c => c.Entry.Id).ToList(), PendingQuestion = verdict.Question }, text, Outcomes.SmallTalk),
            Decision(Outcomes.Clarify, language, null, result.Confidence, candidates));
    }

    /// <summary>The entry's follow-up buttons, then "Ja, tack" / "Nej".</summary>
    private static List<CardAction> WithFeedbackButtons(IReadOnlyList<CardAction> followups, Language language) =>
    [
        .. followups.Take(MaxButtonsWithFeedback - 2),
        CardAction.ImBack(FeedbackMessages.HelpfulButton.For(language)),
        CardAction.ImBack(FeedbackMessages.NotHelpfulButton.For(language)),
    ];

    private static string WithFeedbackQuestion(string answer, Language language) => $"{answer}\n\n{FeedbackMessages.Question.For(language)}";

    /// <summary>An opening-hours answer asks "Hjälpte svaret?" like a knowledge answer; its options (which facility?) do not.</summary>
    private static string WithFeedbackQuestion(OpeningHours.OpeningHoursReply hours, Language language) =>
        hours.Outcome == Outcomes.Answer ? WithFeedbackQuestion(hours.Text, language) : hours.Text;

    private static IReadOnlyList<CardAction> WithFeedbackButtons(OpeningHours.OpeningHoursReply hours, Language language) =>
        hours.Outcome == Outcomes.Answer ? WithFeedbackButtons(hours.Buttons, language) : hours.Buttons;

    /// <summary>
    /// The turn for statistics. Only questions keep their (masked) text: what a resident writes to a
    /// guide, small talk and emergencies are counted but not kept.
    /// </summary>
    private static TurnRecord Record(Activity activity, BotDecision decision, Verdict? verdict, ConversationState state, DateTimeOffset now, TimeSpan elapsed)
    {
        var isQuestion = verdict is null && decision.Outcome is Outcomes.Answer or Outcomes.Clarify or Outcomes.Fallback or Outcomes.Handoff;
        var text = (activity.Text ?? "").Trim();
        return new TurnRecord(
            activity.Conversation?.Id ?? "",
            activity.Id,
            activity.From?.Id,
            activity.ChannelId ?? "unknown",
            now,
            isQuestion ? PersonalData.MaskAll(text.Length > 500 ? text[..500] : text) : null,
            decision,
            verdict is null ? null : verdict.Helpful ? FeedbackValues.Helpful : FeedbackValues.NotHelpful,
            verdict?.EntryId,
            state.Owner,
            state.CaseId,
            Math.Round(elapsed.TotalMilliseconds, 2));
    }
}
