using Dialogs.Alerts;
using Dialogs.Dates;
using Dialogs.Engine;
using Dialogs.FaultReports;
using Dialogs.Handoff;
using Dialogs.Intents;
using Dialogs.Learning;
using Dialogs.Protocol;
using System.Globalization;
using Knowledge;
using Knowledge.Analysis;
using Knowledge.Search;
using Understanding;
using Understanding.Decisions;

namespace Dialogs.Main;

/// <summary>
/// The city contact-center bot: welcome, danger first (rules and the learned model), then what the
/// learned understanding decides (a person, the resident's own case, a fault report, small talk,
/// or the knowledge base: answer, clarify with options, or say honestly that it cannot answer).
/// Without trained models it falls back to retrieval's confidence bands and the fixed intents.
/// </summary>
public sealed partial class CityBot(KnowledgeProvider knowledge, IConversationStateStore states, TimeProvider clock, BotOptions options, IHandoffService? handoff = null,
    ITurnRecorder? recorder = null, IFaultReportStore? faultReports = null, IAlertSource? alerts = null, IOwnPhotos? photos = null,
    UnderstandingProvider? understanding = null) : IBot
{
    private readonly FaultReportDialog _faultReportDialog = new(faultReports, clock, photos);
    private const int MaxClarifyOptions = 3;
    private const double ClarifySpread = 0.25;
    private const double TieMargin = 0.05;

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        DialogMessages.Register();
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation id.");
        var state = await states.LoadAsync(conversationId, cancellationToken)
            ?? new ConversationState { Language = LanguageCodes.FromCode(activity.Locale).Code() };
        var started = clock.GetTimestamp();
        var verdict = FeedbackOf(activity, state);

        BotDecision? decision = null;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                (state, decision) = await OnMessageAsync(turnContext, state, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true:
            case ActivityTypes.Event when activity.Name == ClientEventNames.WebChatJoin:
                state = await WelcomeAsync(turnContext, state, cancellationToken);
                break;
            case ActivityTypes.Event when activity.Name == LanguageChoice.EventName:
                state = await OnLanguageChosenAsync(turnContext, state, LanguageCodes.TryFromCode(activity.Value is { ValueKind: System.Text.Json.JsonValueKind.String } v ? v.GetString() : null), cancellationToken);
                break;
            case ActivityTypes.Typing when state.Owner == ConversationOwners.Guide && state.CaseId is { } typingCase && handoff is not null:
                await handoff.ResidentTypingAsync(typingCase, cancellationToken);
                break;
            default:
                // handoff.status, typing, endOfConversation and unknown types need no reply (A2014).
                break;
        }

        await states.SaveAsync(conversationId, state with { Turns = state.Turns + 1 }, cancellationToken);
        if (decision is not null && recorder is not null)
        {
            await recorder.RecordAsync(Record(activity, decision, verdict, state, clock.GetUtcNow(), clock.GetElapsedTime(started)), cancellationToken);
        }
        if (decision is not null && options.Trace)
        {
            await turnContext.SendActivityAsync(activity.CreateTrace(BotDecision.TraceName, decision, BotDecision.ValueType), cancellationToken);
        }
    }

    private async Task<ConversationState> WelcomeAsync(ITurnContext turn, ConversationState state, CancellationToken cancellationToken)
    {
        if (state.Welcomed)
        {
            return state;
        }
        var language = LanguageCodes.FromCode(turn.Activity.Locale ?? state.Language);
        var reply = Reply(turn, Messages.Welcome.For(language), language) with
        {
            ReplyToId = turn.Activity.Type == ActivityTypes.Event ? turn.Activity.Id : null,
            SuggestedActions = new SuggestedActions
            {
                Actions = Messages.WelcomeTopics.Select(t => CardAction.ImBack(t.For(language))).Append(CardAction.ImBack(LanguageChoice.MenuButton)).ToList(),
            },
        };
        await turn.SendActivityAsync(reply, cancellationToken);
        return state with { Welcomed = true, Language = language.Code() };
    }

    private async Task<(ConversationState, BotDecision)> OnMessageAsync(ITurnContext turn, ConversationState state, CancellationToken cancellationToken)
    {
        var text = (turn.Activity.Text ?? "").Trim();
        var detected = LanguageDetector.Identify(text);
        var language = LanguageChoice.Resolve(LanguageCodes.FromCode(state.Language), detected);
        state = state with { Language = language.Code(), Welcomed = true };
        if (state.Owner == ConversationOwners.Bot && state.FaultReport is null && await OnLanguageRequestAsync(turn, state, text, cancellationToken) is { } switched)
        {
            return switched;
        }
        // A button pressed in a translated language is read as its Swedish original from here on.
        text = MessageCatalog.SwedishButton(text) ?? text;
        if (text.Length == 0 && state.FaultReport is { } photoDraft && state.Owner == ConversationOwners.Bot)
        {
            return FaultReportTurn(state, text, await _faultReportDialog.ContinueAsync(turn, photoDraft, text, language, cancellationToken), language);
        }
        if (text.Length == 0 && state.Owner != ConversationOwners.Bot && state.CaseId is { } attachmentCase && handoff is not null)
        {
            // A photo or file without text while a guide answers: it is for the guide.
            return await RelayAsync(turn, state, attachmentCase, language, cancellationToken);
        }
        if (text.Length == 0)
        {
            await SendAsync(turn, Messages.NoText.For(language), language, cancellationToken);
            return (state, Decision(Outcomes.SmallTalk, language));
        }

        var intent = IntentRecognizer.Recognize(text);
        var verdict = understanding?.Decide(text, language);
        // A form's own replies ("Hoppa över", "Ja", "Avbryt") are not read for danger by the model (the rules still are).
        var formReply = FaultReportRecognizer.IsFormReply(text);
        var danger = formReply && state.FaultReport is not null ? DangerOf(intent, null) : DangerOf(intent, verdict);
        // Someone in danger is told to call 112 first, whoever answers the conversation. The rules
        // and the model are OR-ed: either alone is enough.
        if (danger == Intent.Emergency && intent != Intent.Emergency && state.Owner == ConversationOwners.Bot && state.FaultReport is null
            && FaultReportRecognizer.Recognize(text) is { DangerToLife: true, StateRoad: false })
        {
            // A hazard in the street (cables down, a fallen tree) that the rules see no person in:
            // 112 first, then the form, in one reply.
            return FaultReportTurn(state, text, (await _faultReportDialog.TryBeginAsync(turn, text, language, cancellationToken))!, language);
        }
        if (danger is not null)
        {
            await SendAsync(turn, (danger == Intent.SelfHarm ? Messages.SelfHarm : Messages.Emergency).For(language), language, cancellationToken);
            if (state.Owner != ConversationOwners.Bot && state.CaseId is { } urgentCase && handoff is not null)
            {
                await handoff.RelayAsync(urgentCase, turn.Activity, cancellationToken);
            }
            return (Remember(state, text, Outcomes.Emergency), Decision(Outcomes.Emergency, language));
        }
        // Someone may be in danger, but not clearly: 112 first, then the usual reply.
        if (verdict?.DangerNote is { } note && !formReply)
        {
            await SendAsync(turn, (note == Route.SelfHarm ? Messages.SelfHarmNote : Messages.DangerNote).For(language), language, cancellationToken);
        }
        if (state.Owner != ConversationOwners.Bot && !BotAnswersMeanwhile(state, text) && state.CaseId is { } caseId && handoff is not null)
        {
            return await RelayAsync(turn, state, caseId, language, cancellationToken);
        }
        if (detected.Unsupported && state.FaultReport is null && intent != Intent.HumanRequest && verdict?.Route is not Route.Human)
        {
            return await UnsupportedLanguageAsync(turn, state, text, language, cancellationToken);
        }
        if (state.RatingCaseId is { } ratedCase)
        {
            state = state with { RatingCaseId = null };
            if (Rating(text) is { } rating && handoff is not null)
            {
                await handoff.RateAsync(ratedCase, rating, cancellationToken);
                await SendAsync(turn, Messages.RatingThanks.For(language), language, cancellationToken);
                return (state, Decision(Outcomes.SmallTalk, language));
            }
        }

        // An open fault-report form takes the reply, unless the resident asks for a person instead.
        if (state.FaultReport is { } draft)
        {
            state = state with { FaultReport = null };
            if (intent != Intent.HumanRequest)
            {
                return FaultReportTurn(state, text, await _faultReportDialog.ContinueAsync(turn, draft, text, language, cancellationToken), language);
            }
        }
        if (FeedbackOf(turn.Activity, state) is { } feedback)
        {
            return await OnFeedbackAsync(turn, state, feedback, knowledge.Answers, language, cancellationToken);
        }
        // A remote answer source (Azure question answering) chosen by the city answers in its own
        // bands; the learned understanding decides only over the embedded knowledge index.
        if (verdict is not null && ReferenceEquals(knowledge.Answers, knowledge.Current))
        {
            return await OnVerdictAsync(turn, state, text, verdict, intent, language, cancellationToken);
        }
        if (intent == Intent.None && await _faultReportDialog.TryBeginAsync(turn, text, language, cancellationToken) is { } begun)
        {
            return FaultReportTurn(state, text, begun, language);
        }

        switch (intent)
        {
            case Intent.WhoAreYou:
                return await SmallTalkAsync(turn, state, Messages.WhoAreYou, language, cancellationToken);
            case Intent.HumanRequest:
                return await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff), HandoffReason.Requested, language, Messages.HumanRequested.For(language), null, cancellationToken);
            case Intent.NotHelpful:
                return await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff), HandoffReason.NotHelpful, language, null, null, cancellationToken);
            case Intent.Frustration:
                return await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff), HandoffReason.Frustration, language, null, null, cancellationToken);
            case Intent.NoneOfThese:
                await SendAsync(turn, $"{Messages.NoneOfThese.For(language)} {Messages.ContactCenter.For(language)}", language, cancellationToken,
                    [CardAction.ImBack(Messages.TalkToGuideButton.For(language))]);
                return (Remember(state with { PendingOptions = [], Misses = state.Misses + 1 }, text, Outcomes.Fallback), Decision(Outcomes.Fallback, language));
            case Intent.Greeting:
                return await SmallTalkAsync(turn, state, Messages.Greeting, language, cancellationToken);
            case Intent.Thanks:
                return await SmallTalkAsync(turn, state, Messages.Thanks, language, cancellationToken);
            case Intent.Goodbye:
                return await SmallTalkAsync(turn, state, Messages.Goodbye, language, cancellationToken);
            case Intent.Help:
                return await SmallTalkAsync(turn, state, Messages.Help, language, cancellationToken);
            default:
                return await OpeningHoursAsync(turn, state, text, language, cancellationToken)
                    ?? await AnswerFromKnowledgeAsync(turn, state, text, language, cancellationToken);
        }
    }

    /// <summary>"Is X open on day Y" from the facilities' data, or null when the message is not about opening hours.</summary>
    private async Task<(ConversationState, BotDecision)?> OpeningHoursAsync(ITurnContext turn, ConversationState state, string text, Language language, CancellationToken cancellationToken)
    {
        if (OpeningHours.OpeningHoursResponder.Reply(text, language, knowledge.Current.Knowledge, clock.GetUtcNow(), state.LastAnswerId) is not { } hours)
        {
            return null;
        }
        await SendAsync(turn, WithFeedbackQuestion(hours, language), language, cancellationToken, WithFeedbackButtons(hours, language));
        return (Remember(state with { Misses = 0, PendingOptions = [], LastAnswerId = hours.AnswerId ?? state.LastAnswerId }, text, hours.Outcome, hours.AnswerId, 1.0, hours.Topic),
            Decision(hours.Outcome, language, hours.AnswerId));
    }

    /// <summary>A guide answers this conversation, or will: pass the message on and acknowledge it (CityBotAfterHandoff.cs).</summary>
    private Task<(ConversationState, BotDecision)> RelayAsync(ITurnContext turn, ConversationState state, string caseId, Language language, CancellationToken cancellationToken) =>
        AfterHandoffAsync(turn, state, caseId, language, cancellationToken);

    /// <summary>Creates a case for a service guide and tells the resident what happens next.</summary>
    private async Task<(ConversationState, BotDecision)> HandOffAsync(
        ITurnContext turn, ConversationState state, HandoffReason reason, Language language, string? lead, KnowledgeEntry? entry,
        CancellationToken cancellationToken, double confidence = 1.0, IReadOnlyList<DecisionCandidate>? candidates = null, string? topic = null)
    {
        if (await AlreadyQueuedAsync(turn, state, language, cancellationToken) is { } queued)
        {
            return queued;
        }
        var prefix = lead is null ? "" : lead + " ";
        var decision = Decision(Outcomes.Handoff, language, entry?.Id, confidence, candidates);
        if (handoff is null)
        {
            await SendAsync(turn, prefix + Messages.ContactCenter.For(language), language, cancellationToken);
            return (state with { Misses = 0, PendingOptions = [] }, decision);
        }
        topic ??= entry?.Topic ?? state.History.LastOrDefault(h => h.Topic is not null)?.Topic;
        var response = await handoff.RequestAsync(new HandoffRequest(turn.Activity, reason, language.Code(), topic, state.History), cancellationToken);
        var culture = language.Culture();
        var replyBy = response.ReplyBy is { } by ? LanguageFormats.WeekdayAndDate(TimeZoneInfo.ConvertTime(by, Stockholm), language) : "";
        var text = response.Result switch
        {
            HandoffResult.Queued when response.ExpectedWait is { } wait =>
                string.Format(culture, Messages.Queued.For(language), response.Position, Minutes(wait, language)),
            HandoffResult.Queued => string.Format(culture, Messages.QueuedUnknownWait.For(language), response.Position),
            HandoffResult.Closed => string.Format(culture, Messages.Closed.For(language), replyBy),
            _ => string.Format(culture, Messages.NoGuides.For(language), replyBy),
        };
        if (response.Alert is { Length: > 0 } alert)
        {
            text = alert + "\n\n" + text;
        }
        if (!response.LanguageGuideAvailable)
        {
            text += "\n\n" + LanguageMessages.GuideLanguage.For(language);
        }
        await SendAsync(turn, prefix + text, language, cancellationToken);
        var owner = response.Result == HandoffResult.Queued ? ConversationOwners.Queued : ConversationOwners.Message;
        return (state with { Misses = 0, PendingOptions = [], Owner = owner, CaseId = response.CaseId, MessageAcknowledged = false }, decision);
    }

    private string ContactCenterReplyBy(Language language)
    {
        var hours = Knowledge.Calendar.ContactCenterHours.For(knowledge.Current.Knowledge);
        var next = hours.NextOpening(clock.GetUtcNow().AddHours(hours.IsOpen(clock.GetUtcNow()) ? 24 : 0));
        return LanguageFormats.WeekdayAndDate(TimeZoneInfo.ConvertTime(next, Stockholm), language);
    }

    private static string Minutes(TimeSpan wait, Language language)
    {
        return LanguageFormats.Minutes(Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)), language);
    }

    private static int? Rating(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length == 1 && t[0] is >= '1' and <= '5')
        {
            return t[0] - '0';
        }
        return t switch
        {
            "👍" or "bra" or "good" or "tumme upp" => 5,
            "👎" or "dåligt" or "bad" or "tumme ner" => 1,
            _ => null,
        };
    }

    /// <summary>Keeps the last questions and decisions for a guide's case summary.</summary>
    private ConversationState Remember(ConversationState state, string question, string outcome, string? answerId = null, double confidence = 1.0, string? topic = null)
    {
        var exchange = new Exchange(question.Length > 500 ? question[..500] : question, outcome, answerId, Math.Round(confidence, 3), topic, clock.GetUtcNow());
        return state with { History = [.. state.History.TakeLast(9), exchange] };
    }

    private async Task<(ConversationState, BotDecision)> AnswerFromKnowledgeAsync(
        ITurnContext turn, ConversationState state, string text, Language language, CancellationToken cancellationToken)
    {
        var index = knowledge.Answers;
        var withoutDates = DateMentionRecognizer.WithoutDates(text);
        var result = await index.SearchAsync(withoutDates.Trim().Length > 0 ? withoutDates : text, language, cancellationToken);
        var candidates = result.Candidates.Take(MaxClarifyOptions).Select(c => new DecisionCandidate(c.Entry.Id, Math.Round(c.Match, 3))).ToList();
        var top = result.Top;

        if (result.Features.OtherMunicipality is { } place)
        {
            var name = char.ToUpper(place[0], System.Globalization.CultureInfo.InvariantCulture) + place[1..];
            await SendAsync(turn, string.Format(System.Globalization.CultureInfo.InvariantCulture, Messages.OtherMunicipality.For(language), name), language, cancellationToken);
            return (Remember(state with { PendingOptions = [] }, text, Outcomes.Fallback, null, result.Confidence), Decision(Outcomes.Fallback, language, null, result.Confidence, candidates));
        }

        if (top is null || result.Confidence < options.ClarifyThreshold)
        {
            return await FallbackAsync(turn, state, text, language, result.Confidence, candidates, cancellationToken);
        }

        if (top.Entry.Handoff)
        {
            return await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff, top.Entry.Id, result.Confidence, top.Entry.Topic), HandoffReason.PersonalCase, language,
                top.Entry.Answer.For(language), top.Entry, cancellationToken, result.Confidence, candidates);
        }

        // Two entries explaining the question equally well: let the resident choose (Bot Framework's
        // low-score-variation rule) rather than guess between them.
        var tied = result.Candidates.Count > 1 && result.Features.Margin < TieMargin;
        if (result.Confidence >= options.AnswerThreshold && !tied)
        {
            return await AnswerAsync(turn, state, text, top.Entry, language, result.Confidence, candidates, cancellationToken);
        }

        var choices = result.Candidates
            .Where(c => !c.Entry.Handoff && c.Match >= top.Match - ClarifySpread)
            .Take(MaxClarifyOptions)
            .Select(c => c.Entry)
            .ToList();
        return await ClarifyAsync(turn, state, text, choices, language, result.Confidence, candidates, top.Entry.Topic, cancellationToken);
    }

    /// <summary>The entry's answer (with an alert on its topic first), its follow-ups and "Hjälpte svaret?".</summary>
    private async Task<(ConversationState, BotDecision)> AnswerAsync(ITurnContext turn, ConversationState state, string text, KnowledgeEntry entry, Language language,
        double confidence, IReadOnlyList<DecisionCandidate> candidates, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Stockholm).DateTime);
        var answer = AnswerComposer.Text(entry, text, language, today);
        if (alerts is not null && AlertMessages.Before(await alerts.ActiveAsync(cancellationToken), entry.Topic, language) is { } alert)
        {
            answer = alert + "\n\n" + answer;
        }
        await SendAsync(turn, WithFeedbackQuestion(answer, language), language, cancellationToken, WithFeedbackButtons(AnswerComposer.Followups(entry, knowledge.Current.Knowledge, language), language));
        return (Remember(state with { Misses = 0, PendingOptions = [], PendingQuestion = null, LastAnswerId = entry.Id }, text, Outcomes.Answer, entry.Id, confidence, entry.Topic),
            Decision(Outcomes.Answer, language, entry.Id, confidence, candidates));
    }

    /// <summary>Options to choose from, plus "Inget av dessa".</summary>
    private async Task<(ConversationState, BotDecision)> ClarifyAsync(ITurnContext turn, ConversationState state, string text, IReadOnlyList<KnowledgeEntry> choices, Language language,
        double confidence, IReadOnlyList<DecisionCandidate> candidates, string? topic, CancellationToken cancellationToken)
    {
        var buttons = choices
            .Select(c => CardAction.ImBack(AnswerComposer.QuestionIn(c, language)))
            .Append(CardAction.ImBack(Messages.NoneOfTheseButton.For(language)))
            .ToList();
        await SendAsync(turn, Messages.Clarify.For(language), language, cancellationToken, buttons);
        return (Remember(state with { PendingOptions = choices.Select(o => o.Id).ToList(), PendingQuestion = text }, text, Outcomes.Clarify, null, confidence, topic),
            Decision(Outcomes.Clarify, language, null, confidence, candidates));
    }

    /// <summary>An honest "I don't know" with the contact center; the second in a row hands over to a guide.</summary>
    private async Task<(ConversationState, BotDecision)> FallbackAsync(ITurnContext turn, ConversationState state, string text, Language language,
        double confidence, IReadOnlyList<DecisionCandidate> candidates, CancellationToken cancellationToken)
    {
        var misses = state.Misses + 1;
        if (misses >= 2)
        {
            return await HandOffAsync(turn, Remember(state, text, Outcomes.Handoff, null, confidence), HandoffReason.NotAnswered, language,
                Messages.FallbackAgain.For(language), null, cancellationToken, confidence, candidates);
        }
        await SendAsync(turn, $"{Messages.Fallback.For(language)} {Messages.ContactCenter.For(language)}", language, cancellationToken,
            [CardAction.ImBack(Messages.TalkToGuideButton.For(language))]);
        return (Remember(state with { Misses = misses, PendingOptions = [] }, text, Outcomes.Fallback, null, confidence),
            Decision(Outcomes.Fallback, language, null, confidence, candidates));
    }

    private (ConversationState, BotDecision) FaultReportTurn(ConversationState state, string text, FaultReportTurn turn, Language language) =>
        (Remember(state with { FaultReport = turn.Draft, Misses = 0, PendingOptions = [] }, text, turn.Outcome, null, 1.0, FaultReportTopic), Decision(turn.Outcome, language));

    private const string FaultReportTopic = "felanmälan";

    private async Task<(ConversationState, BotDecision)> SmallTalkAsync(
        ITurnContext turn, ConversationState state, LocalizedText message, Language language, CancellationToken cancellationToken)
    {
        await SendAsync(turn, message.For(language), language, cancellationToken);
        return (state, Decision(Outcomes.SmallTalk, language));
    }

    private static Task<string> SendAsync(ITurnContext turn, string text, Language language, CancellationToken cancellationToken, IReadOnlyList<CardAction>? actions = null)
    {
        var reply = Reply(turn, text, language);
        if (actions is { Count: > 0 })
        {
            reply = reply with { SuggestedActions = new SuggestedActions { Actions = actions } };
        }
        return turn.SendActivityAsync(reply, cancellationToken);
    }

    private static Activity Reply(ITurnContext turn, string text, Language language) => LanguageReply.Create(turn.Activity, text, language);

    private static BotDecision Decision(string outcome, Language language, string? answerId = null, double confidence = 1.0, IReadOnlyList<DecisionCandidate>? candidates = null) =>
        new(outcome, answerId, Math.Round(confidence, 3), language.Code(), candidates ?? []);

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
}
