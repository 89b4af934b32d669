using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary>
/// The Bot Connector channel (Azure Bot Service: Teams, Web Chat, Facebook via Azure) as an adapter
/// to the same turn pipeline as Direct Line: the resident's activity and the bot's replies are stored
/// in the conversation's log (so guides see the transcript), and the replies go to the channel's
/// connector at the conversation's serviceUrl.
/// </summary>
internal sealed class ConnectorService(
    IConversationStore store,
    ConnectorConversations conversations,
    ConnectorOutbox outbox,
    TurnProcessor turns,
    ConnectorTurns background,
    ILogger<ConnectorService> logger)
{
    /// <summary>
    /// Persists the conversation's address and the activity, then returns; the bot's turn continues in
    /// the background (Azure Bot Service gives a bot only a few seconds to answer the POST).
    /// </summary>
    public async Task ReceiveAsync(Activity posted, CancellationToken cancellationToken)
    {
        var channelId = posted.ChannelId!;
        var storeId = ConnectorConversations.StoreId(channelId, posted.Conversation!.Id!);
        var user = (posted.From ?? new ChannelAccount()) with { Role = RoleTypes.User };
        var bot = (posted.Recipient ?? BotIdentity.Account) with { Role = RoleTypes.Bot };
        var reference = new ConnectorConversation(storeId, posted.ServiceUrl!, channelId, posted.Conversation, bot, user);
        await conversations.SaveAsync(reference, cancellationToken);
        await store.CreateAsync(storeId, user.Id ?? "", channelId, cancellationToken);
        // The turn sees our id for the conversation (state, cases, transcript); the channel keeps its own.
        var incoming = posted with { Conversation = posted.Conversation with { Id = storeId }, From = user, Recipient = bot };

        if (posted.Type == ActivityTypes.ConversationUpdate)
        {
            // Like Direct Line's start, a conversationUpdate runs a turn (the greeting) but is not part of the transcript.
            _ = background.Run(ct => turns.ProcessAsync(storeId, _ => Task.FromResult(incoming), (reply, c) => outbox.ReplyAsync(reference, reply, c), ct));
            return;
        }
        if (posted.Type is not (ActivityTypes.Message or ActivityTypes.Event or ActivityTypes.EndOfConversation))
        {
            // Typing, reactions and the like: acknowledged, nothing for the bot to do.
            return;
        }
        if (posted.Id is { } wireId && await conversations.WasReceivedAsync(storeId, wireId, cancellationToken))
        {
            ConnectorLog.Duplicate(logger, storeId, wireId);
            return;
        }

        var persisted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Activity> ReceiveAsync(CancellationToken ct)
        {
            var stored = await store.AppendAsync(storeId, (sequence, timestamp) => incoming with
            {
                Id = posted.Id ?? $"{storeId}|{sequence:D7}",
                Timestamp = timestamp,
            }, ct);
            if (posted.Id is { } id)
            {
                await conversations.MarkReceivedAsync(storeId, id, ct);
            }
            persisted.TrySetResult();
            ConnectorLog.ActivityReceived(logger, storeId, posted.Type);
            return stored.Activity;
        }
        var turn = background.Run(ct => turns.ProcessAsync(storeId, ReceiveAsync, (reply, c) => outbox.ReplyAsync(reference, reply, c), ct));
        await Task.WhenAny(persisted.Task, turn);
        if (!persisted.Task.IsCompleted)
        {
            await turn; // failed before the activity was stored: the caller gets the error, Azure may retry
        }
    }

}
