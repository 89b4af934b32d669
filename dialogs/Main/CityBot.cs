using Dialogs.Dates;
using Dialogs.Engine;
using Dialogs.Intents;
using Dialogs.Protocol;
using Knowledge;
using Knowledge.Analysis;
using Knowledge.Search;

namespace Dialogs.Main;

/// <summary>
/// The city contact-center bot: welcome, fixed intents (emergency first), then the knowledge base
/// with three bands: answer, clarify with options, or say honestly that it cannot answer.
/// </summary>
public sealed class CityBot(KnowledgeProvider knowledge, IConversationStateStore states, TimeProvider clock, BotOptions options) : IBot
{
    private const int MaxClarifyOptions = 3;
    private const double ClarifySpread = 0.25;
    private const double TieMargin = 0.05;

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation id.");
        var state = await states.LoadAsync(conversationId, cancellationToken)
            ?? new ConversationState { Language = LanguageCodes.FromCode(activity.Locale).Code() };

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
            default:
                // handoff.status, typing, endOfConversation and unknown types need no reply (A2014).
                break;
        }

        await states.SaveAsync(conversationId, state with { Turns = state.Turns + 1 }, cancellationToken);
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
            SuggestedActions = new SuggestedActions { Actions = Messages.WelcomeTopics.Select(t => CardAction.ImBack(t.For(language))).ToList() },
        };
        await turn.SendActivityAsync(reply, cancellationToken);
        return state with { Welcomed = true, Language = language.Code() };
    }

    private async Task<(ConversationState, BotDecision)> OnMessageAsync(ITurnContext turn, ConversationState state, CancellationToken cancellationToken)
    {
        var text = (turn.Activity.Text ?? "").Trim();
        var language = LanguageDetector.Detect(text, LanguageCodes.FromCode(state.Language));
        state = state with { Language = language.Code(), Welcomed = true };
        if (text.Length == 0)
        {
            await SendAsync(turn, Messages.NoText.For(language), language, cancellationToken);
            return (state, Decision(Outcomes.SmallTalk, language));
        }

        switch (IntentRecognizer.Recognize(text))
        {
            case Intent.SelfHarm:
                await SendAsync(turn, Messages.SelfHarm.For(language), language, cancellationToken);
                return (state, Decision(Outcomes.Emergency, language));
            case Intent.Emergency:
                await SendAsync(turn, Messages.Emergency.For(language), language, cancellationToken);
                return (state, Decision(Outcomes.Emergency, language));
            case Intent.WhoAreYou:
                return await SmallTalkAsync(turn, state, Messages.WhoAreYou, language, cancellationToken);
            case Intent.HumanRequest:
                await SendAsync(turn, $"{Messages.HumanRequested.For(language)} {Messages.ContactCenter.For(language)}", language, cancellationToken);
                return (state with { PendingOptions = [], Misses = 0 }, Decision(Outcomes.Handoff, language));
            case Intent.NoneOfThese:
                await SendAsync(turn, $"{Messages.NoneOfThese.For(language)} {Messages.ContactCenter.For(language)}", language, cancellationToken,
                    [CardAction.ImBack(Messages.TalkToGuideButton.For(language))]);
                return (state with { PendingOptions = [], Misses = state.Misses + 1 }, Decision(Outcomes.Fallback, language));
            case Intent.Greeting:
                return await SmallTalkAsync(turn, state, Messages.Greeting, language, cancellationToken);
            case Intent.Thanks:
                return await SmallTalkAsync(turn, state, Messages.Thanks, language, cancellationToken);
            case Intent.Goodbye:
                return await SmallTalkAsync(turn, state, Messages.Goodbye, language, cancellationToken);
            case Intent.Help:
                return await SmallTalkAsync(turn, state, Messages.Help, language, cancellationToken);
            default:
                return await AnswerFromKnowledgeAsync(turn, state, text, language, cancellationToken);
        }
    }

    private async Task<(ConversationState, BotDecision)> AnswerFromKnowledgeAsync(
        ITurnContext turn, ConversationState state, string text, Language language, CancellationToken cancellationToken)
    {
        var index = knowledge.Current;
        var withoutDates = DateMentionRecognizer.WithoutDates(text);
        var result = index.Search(withoutDates.Trim().Length > 0 ? withoutDates : text, language);
        var candidates = result.Candidates.Take(MaxClarifyOptions).Select(c => new DecisionCandidate(c.Entry.Id, Math.Round(c.Match, 3))).ToList();
        var top = result.Top;

        if (result.Features.OtherMunicipality is { } place)
        {
            var name = char.ToUpper(place[0], System.Globalization.CultureInfo.InvariantCulture) + place[1..];
            await SendAsync(turn, string.Format(System.Globalization.CultureInfo.InvariantCulture, Messages.OtherMunicipality.For(language), name), language, cancellationToken);
            return (state with { PendingOptions = [] }, Decision(Outcomes.Fallback, language, null, result.Confidence, candidates));
        }

        if (top is null || result.Confidence < options.ClarifyThreshold)
        {
            var misses = state.Misses + 1;
            var message = misses >= 2 ? Messages.FallbackAgain : Messages.Fallback;
            await SendAsync(turn, $"{message.For(language)} {Messages.ContactCenter.For(language)}", language, cancellationToken,
                [CardAction.ImBack(Messages.TalkToGuideButton.For(language))]);
            var outcome = misses >= 2 ? Outcomes.Handoff : Outcomes.Fallback;
            return (state with { Misses = misses, PendingOptions = [] }, Decision(outcome, language, null, result.Confidence, candidates));
        }

        if (top.Entry.Handoff)
        {
            var body = $"{top.Entry.Answer.For(language)} {Messages.ContactCenter.For(language)}";
            await SendAsync(turn, body, language, cancellationToken);
            return (state with { Misses = 0, PendingOptions = [], LastAnswerId = top.Entry.Id },
                Decision(Outcomes.Handoff, language, top.Entry.Id, result.Confidence, candidates));
        }

        // Two entries explaining the question equally well: let the resident choose (Bot Framework's
        // low-score-variation rule) rather than guess between them.
        var tied = result.Candidates.Count > 1 && result.Features.Margin < TieMargin;
        if (result.Confidence >= options.AnswerThreshold && !tied)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Stockholm).DateTime);
            var answer = AnswerComposer.Text(top.Entry, text, language, today);
            await SendAsync(turn, answer, language, cancellationToken, AnswerComposer.Followups(top.Entry, index.Knowledge, language));
            return (state with { Misses = 0, PendingOptions = [], PendingQuestion = null, LastAnswerId = top.Entry.Id },
                Decision(Outcomes.Answer, language, top.Entry.Id, result.Confidence, candidates));
        }

        var choices = result.Candidates
            .Where(c => !c.Entry.Handoff && c.Match >= top.Match - ClarifySpread)
            .Take(MaxClarifyOptions)
            .ToList();
        var buttons = choices
            .Select(c => CardAction.ImBack(AnswerComposer.QuestionIn(c.Entry, language)))
            .Append(CardAction.ImBack(Messages.NoneOfTheseButton.For(language)))
            .ToList();
        await SendAsync(turn, Messages.Clarify.For(language), language, cancellationToken, buttons);
        return (state with { PendingOptions = choices.Select(o => o.Entry.Id).ToList(), PendingQuestion = text },
            Decision(Outcomes.Clarify, language, null, result.Confidence, candidates));
    }

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

    private static Activity Reply(ITurnContext turn, string text, Language language) =>
        turn.Activity.CreateReply(text, language == Language.English ? "en-US" : "sv-SE");

    private static BotDecision Decision(string outcome, Language language, string? answerId = null, double confidence = 1.0, IReadOnlyList<DecisionCandidate>? candidates = null) =>
        new(outcome, answerId, Math.Round(confidence, 3), language.Code(), candidates ?? []);

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
}
