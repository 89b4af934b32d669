using System.Globalization;
using Dialogs.Engine;
using Dialogs.FaultReports;
using Dialogs.Handoff;
using Dialogs.Intents;
using Dialogs.Learning;
using Dialogs.Protocol;
using Knowledge;
using Understanding;
using Understanding.Decisions;
using Decided = Understanding.Decisions.Verdict;

namespace Dialogs.Main;

/// <summary>
/// What the bot does with what the learned understanding decided (<see cref="Decided"/>). The
/// rules stay only as a safety net: they can add 112, never take it away.
/// </summary>
public sealed partial class CityBot
{
    /// <summary>Danger by the rules or by the model: self-harm or an emergency; null when nobody is in danger.</summary>
    private static Intent? DangerOf(Intent rules, Decided? verdict) => (rules, verdict?.Route) switch
    {
        (Intent.SelfHarm, _) or (_, Route.SelfHarm) => Intent.SelfHarm,
        (Intent.Emergency, _) or (_, Route.Emergency) => Intent.Emergency,
        _ => null,
    };

    private async Task<(ConversationState, BotDecision)> OnVerdictAsync(
        ITurnContext turn, ConversationState state, string text, Decided verdict, Intent rules, Language language, CancellationToken cancellationToken)
    {
        var candidates = verdict.Understanding.Candidates.Take(MaxClarifyOptions).Select(c => new DecisionCandidate(c.Entry.Id, Math.Round(c.Probability, 3))).ToList();
        var confidence = verdict.Entry?.Probability ?? 0;
        // Deterministic answers first: a report reference, a button or an entry's own question.
        if (FaultReportRecognizer.AsksForStatus(text) && await _faultReportDialog.TryBeginAsync(turn, text, language, cancellationToken) is { } status)
        {
            return FaultReportTurn(state, text, status, language);
        }
        if (rules == Intent.NoneOfThese)
        {
            await SendAsync(turn, $"{Messages.NoneOfThese.For(language)} {Messages.ContactCenter.For(language)}", language, cancellationToken,
                [CardAction.ImBack(Messages.TalkToGuideButton.For(language))]);
            return (Remember(state with { PendingOptions = [], Misses = state.Misses + 1 }, text, Outcomes.Fallback), Decision(Outcomes.Fallback, language));
        }
        // Opening hours come from the facilities' data, unless the message is about another
        // municipality's facility or the resident's own case ("my annual card at Lundbybadet").
        if (verdict.Route is not (Route.Human or Route.OwnCase) && OtherMunicipalityAsked(text) is null
            && await OpeningHoursAsync(turn, state, text, language, cancellationToken) is { } hours)
        {
            return hours;
        }
        // "Jag vill göra en felanmälan": the form, even before anything is said about the fault.
        if (FaultReportRecognizer.AsksToReport(text))
        {
            return FaultReportTurn(state, text, await _faultReportDialog.BeginAsync(turn, text, language, cancellationToken), language);
        }
        // A message that is nothing but a greeting, thanks or goodbye needs no model.
        if (rules is Intent.Greeting or Intent.Thanks or Intent.Goodbye or Intent.WhoAreYou or Intent.Help)
        {
            return await SmallTalkAsync(turn, state, SmallTalkMessage(text, rules), language, cancellationToken);
        }
        if (knowledge.Current.ExactMatch(text) is { } exact)
        {
            return exact.Handoff
                ? await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff, exact.Id, 1.0, exact.Topic), HandoffReason.PersonalCase, language,
                    exact.Answer.For(language), exact, cancellationToken, 1.0, candidates)
                : await AnswerAsync(turn, state, text, exact, language, 1.0, candidates, cancellationToken);
        }

        switch (verdict.Route)
        {
            case Route.Human:
                return await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff), HandoffReason.Requested, language, Messages.HumanRequested.For(language), null,
                    cancellationToken, confidence, candidates, TopicOf(verdict));
            case Route.OwnCase:
                var personal = verdict.Entry is { Entry.Handoff: true } c && c.Probability >= understanding!.Thresholds.ClarifyOther ? c.Entry : null;
                return await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff, personal?.Id, confidence, TopicOf(verdict)), HandoffReason.PersonalCase, language,
                    personal?.Answer.For(language) ?? Messages.NeedsGuide.For(language), personal, cancellationToken, confidence, candidates, TopicOf(verdict));
            case Route.Fault:
                return FaultReportTurn(state, text, await _faultReportDialog.BeginAsync(turn, text, language, cancellationToken), language);
            case Route.SmallTalk:
                return await SmallTalkAsync(turn, state, SmallTalkMessage(text, rules), language, cancellationToken);
            case Route.Feedback:
                return await FeedbackTextAsync(turn, state, text, rules, language, cancellationToken);
        }

        switch (verdict.Route)
        {
            case Route.Answer when verdict.Entry is { } answer:
                return answer.Entry.Handoff
                    ? await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff, answer.Entry.Id, answer.Probability, answer.Entry.Topic), HandoffReason.PersonalCase, language,
                        answer.Entry.Answer.For(language), answer.Entry, cancellationToken, answer.Probability, candidates)
                    : await AnswerAsync(turn, state, text, answer.Entry, language, answer.Probability, candidates, cancellationToken);
            case Route.Clarify:
                return await ClarifyAsync(turn, state, text, verdict.Options.Select(o => o.Entry).ToList(), language, confidence, candidates, TopicOf(verdict), cancellationToken);
        }
        if (OtherMunicipalityAsked(text) is { } place)
        {
            await SendAsync(turn, string.Format(CultureInfo.InvariantCulture, Messages.OtherMunicipality.For(language), place), language, cancellationToken);
            return (Remember(state with { PendingOptions = [] }, text, Outcomes.Fallback, null, confidence), Decision(Outcomes.Fallback, language, null, confidence, candidates));
        }
        return await FallbackAsync(turn, state, text, language, confidence, candidates, cancellationToken);
    }

    /// <summary>The topic of the most probable entry, when it is at least plausible (for routing a handoff to the right group).</summary>
    private string? TopicOf(Decided verdict) =>
        verdict.Entry is { } best && best.Probability >= (understanding?.Thresholds.ClarifyOther ?? 0) ? best.Entry.Topic : null;

    /// <summary>The other municipality a declined question is about ("förskola i Mölndal"), not one named as where the resident comes from.</summary>
    private string? OtherMunicipalityAsked(string text) =>
        knowledge.Current.OtherMunicipalityAsked(text) is { } place
            ? char.ToUpper(place[0], CultureInfo.InvariantCulture) + place[1..]
            : null;

    private static LocalizedText SmallTalkMessage(string text, Intent rules) => rules switch
    {
        Intent.WhoAreYou => Messages.WhoAreYou,
        Intent.Help => Messages.Help,
        _ => IntentRecognizer.SmallTalkKind(text) switch
        {
            Intent.WhoAreYou => Messages.WhoAreYou,
            Intent.Thanks => Messages.Thanks,
            Intent.Goodbye => Messages.Goodbye,
            Intent.Help => Messages.Help,
            Intent.Greeting => Messages.Greeting,
            _ => Messages.SmallTalk,
        },
    };

    /// <summary>Feedback in the resident's own words: on the answer just given it is the feedback step; otherwise a short reply.</summary>
    private async Task<(ConversationState, BotDecision)> FeedbackTextAsync(ITurnContext turn, ConversationState state, string text, Intent rules, Language language, CancellationToken cancellationToken)
    {
        var negative = rules is Intent.NotHelpful or Intent.Frustration || IntentRecognizer.IsNegative(text);
        if (!negative)
        {
            await SendAsync(turn, FeedbackMessages.Thanks.For(language), language, cancellationToken);
            return (Remember(state, text, Outcomes.SmallTalk), Decision(Outcomes.SmallTalk, language));
        }
        if (state.History.LastOrDefault(h => h.Outcome == Outcomes.Answer) is { AnswerId: { } entryId } last && state.LastAnswerId == entryId)
        {
            return await OnFeedbackAsync(turn, state, new Verdict(false, entryId, last.Question), knowledge.Answers, language, cancellationToken);
        }
        await SendAsync(turn, Messages.FeedbackWithoutAnswer.For(language), language, cancellationToken, [CardAction.ImBack(Messages.TalkToGuideButton.For(language))]);
        return (Remember(state, text, Outcomes.SmallTalk), Decision(Outcomes.SmallTalk, language));
    }
}
