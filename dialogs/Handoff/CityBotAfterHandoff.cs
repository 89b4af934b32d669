using System.Globalization;
using System.Text.Json;
using Dialogs.Engine;
using Dialogs.Handoff;
using Dialogs.Protocol;
using Knowledge;

namespace Dialogs.Main;

/// <summary>
/// After a handoff the resident is never left in silence: every message in the queue or to a left
/// message is acknowledged (place in the queue, case reference, a reminder to give contact details),
/// with the choices "Fortsätt med chattboten" and "Lämna kön". While a guide chats the bot stays silent.
/// Kept apart from the main dialog so that it stays small.
/// </summary>
public sealed partial class CityBot
{
    /// <summary>A resident's message while the conversation belongs to the queue, a guide or the message box.</summary>
    private async Task<(ConversationState, BotDecision)> AfterHandoffAsync(ITurnContext turn, ConversationState state, string caseId, Language language, CancellationToken cancellationToken)
    {
        var service = handoff!;
        var text = (turn.Activity.Text ?? "").Trim();
        if (state.Owner == ConversationOwners.Queued && Is(text, AfterHandoffMessages.LeaveQueueButton))
        {
            await service.LeaveQueueAsync(caseId, cancellationToken);
            await SendAsync(turn, AfterHandoffMessages.LeftQueue.For(language), language, cancellationToken);
            return (state with { Owner = ConversationOwners.Bot, CaseId = null, BotWhileQueued = false, Misses = 0 }, Decision(Outcomes.SmallTalk, language));
        }
        if (state.Owner == ConversationOwners.Queued && Is(text, AfterHandoffMessages.ContinueWithBotButton))
        {
            var position = (await service.ProgressAsync(caseId, cancellationToken))?.Position ?? 1;
            await SendAsync(turn, Format(AfterHandoffMessages.ContinueWhileQueued, language, position), language, cancellationToken,
                [CardAction.ImBack(AfterHandoffMessages.LeaveQueueButton.For(language))]);
            return (state with { BotWhileQueued = true }, Decision(Outcomes.SmallTalk, language));
        }
        if (state.Owner == ConversationOwners.Message && Is(text, AfterHandoffMessages.ContinueWithBotButton))
        {
            var progress = await service.ProgressAsync(caseId, cancellationToken);
            await SendAsync(turn, Format(AfterHandoffMessages.MessageKept, language, caseId, ReplyDate(progress?.ReplyBy, language)), language, cancellationToken);
            return (state with { Owner = ConversationOwners.Bot, CaseId = null, Misses = 0 }, Decision(Outcomes.SmallTalk, language));
        }

        await service.RelayAsync(caseId, turn.Activity, cancellationToken);
        if (state.Owner == ConversationOwners.Guide)
        {
            return (state, Decision(Outcomes.Relay, language));
        }
        var now = await service.ProgressAsync(caseId, cancellationToken);
        if (now is null || now.Status is "active" or "closed")
        {
            // Claimed between the resident's message and this turn: the guide answers now.
            return (state, Decision(Outcomes.Relay, language));
        }
        if (state.Owner == ConversationOwners.Queued)
        {
            var reply = now.Position <= 1 ? AfterHandoffMessages.StillQueuedNext.For(language) : Format(AfterHandoffMessages.StillQueued, language, now.Position);
            await SendAsync(turn, reply, language, cancellationToken,
                [CardAction.ImBack(AfterHandoffMessages.ContinueWithBotButton.For(language)), CardAction.ImBack(AfterHandoffMessages.LeaveQueueButton.For(language))]);
            await turn.SendActivityAsync(QueueStatus(turn, caseId, now.Position), cancellationToken);
            return (state, Decision(Outcomes.Relay, language));
        }
        var acknowledgement = state.MessageAcknowledged
            ? Format(AfterHandoffMessages.AddedToMessage, language, caseId)
            : Format(AfterHandoffMessages.MessageSaved, language, caseId, ReplyDate(now.ReplyBy, language));
        if (!now.HasContact)
        {
            acknowledgement += " " + AfterHandoffMessages.AskContact.For(language);
        }
        await SendAsync(turn, acknowledgement, language, cancellationToken, [CardAction.ImBack(AfterHandoffMessages.ContinueWithBotButton.For(language))]);
        return (state with { MessageAcknowledged = true }, Decision(Outcomes.Relay, language));
    }

    /// <summary>After "Fortsätt med chattboten" in the queue the bot answers, except "Lämna kön".</summary>
    private static bool BotAnswersMeanwhile(ConversationState state, string text) =>
        state.BotWhileQueued && state.Owner == ConversationOwners.Queued && !Is(text, AfterHandoffMessages.LeaveQueueButton);

    /// <summary>A resident who already waits in the queue (the bot answering meanwhile) asks for a person again: no second case.</summary>
    private async Task<(ConversationState, BotDecision)?> AlreadyQueuedAsync(ITurnContext turn, ConversationState state, Language language, CancellationToken cancellationToken)
    {
        if (state.Owner != ConversationOwners.Queued || state.CaseId is not { } caseId || handoff is null)
        {
            return null;
        }
        var position = (await handoff.ProgressAsync(caseId, cancellationToken))?.Position ?? 1;
        await SendAsync(turn, Format(AfterHandoffMessages.AlreadyQueued, language, position), language, cancellationToken,
            [CardAction.ImBack(AfterHandoffMessages.LeaveQueueButton.For(language))]);
        return (state with { BotWhileQueued = false }, Decision(Outcomes.Handoff, language));
    }

    /// <summary>
    /// The widget's status line reads these: <c>handoff.status</c> with the state <c>queued</c> and
    /// the position (an extension of the Bot Framework states accepted, failed, completed).
    /// </summary>
    private static Activity QueueStatus(ITurnContext turn, string caseId, int position) => new()
    {
        Type = ActivityTypes.Event,
        Name = HandoffEventNames.HandoffStatus,
        From = turn.Activity.Recipient,
        Recipient = turn.Activity.From,
        Conversation = turn.Activity.Conversation,
        ChannelId = turn.Activity.ChannelId,
        ReplyToId = turn.Activity.Id,
        Value = JsonSerializer.SerializeToElement(new { state = "queued", caseId, position }, ActivityJson.Options),
    };

    private static bool Is(string text, LocalizedText button) => button.Matches(text);

    private static string Format(LocalizedText text, Language language, params object[] values) =>
        string.Format(Culture(language), text.For(language), values);

    private static CultureInfo Culture(Language language) => language.Culture();

    private static string ReplyDate(DateTimeOffset? replyBy, Language language) =>
        replyBy is { } by
            ? LanguageFormats.WeekdayAndDate(TimeZoneInfo.ConvertTime(by, Stockholm), language)
            : AfterHandoffMessages.NextWorkingDay.For(language);
}
