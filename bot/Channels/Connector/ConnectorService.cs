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
    IConnectorConversations conversations,
    ConnectorOutbox outbox,
    TurnProcessor turns,
    ConnectorTurns background,
    ILogger<ConnectorService> logger) : ITurnReplyChannel
{
    public const string TurnChannel = "connector";

    /// <summary>
    /// Persists the conversation's address and the activity with its turn marked pending (one
    /// transaction), then returns; the bot's turn continues in the background (Azure Bot Service gives
    /// a bot only a few seconds to answer the POST). A retry of an activity already stored is not stored
    /// again; if its turn never finished (the instance died), it runs now, else nothing happens.
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
        Task<string> Reply(Activity reply, CancellationToken ct) => outbox.ReplyAsync(reference, reply, ct);

        if (posted.Type == ActivityTypes.ConversationUpdate)
        {
            // Like Direct Line's start, a conversationUpdate runs a turn (the greeting) but is not part of the transcript.
            var update = incoming with { Id = posted.Id ?? $"{storeId}|update|{Guid.NewGuid():N}" };
            if (await store.AddPendingTurnAsync(new PendingTurn(storeId, update.Id!, TurnChannel, null, update, DateTimeOffset.UtcNow), cancellationToken))
            {
                _ = background.Run(_ => turns.ProcessAsync(storeId, _ => Task.FromResult(new TurnInput(update, null, RunTurn: true, Pending: true)), Reply, CancellationToken.None));
            }
            return;
        }
        if (posted.Type is not (ActivityTypes.Message or ActivityTypes.Event or ActivityTypes.EndOfConversation))
        {
            // Typing, reactions and the like: acknowledged, nothing for the bot to do.
            return;
        }

        var persisted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<TurnInput> ReceiveAsync(CancellationToken ct)
        {
            var received = await store.ReceiveAsync(storeId, posted.Id is { } wireId ? "wire:" + wireId : null, TurnChannel, (sequence, timestamp) => incoming with
            {
                Id = posted.Id ?? $"{storeId}|{sequence:D7}",
                Timestamp = timestamp,
            }, ct);
            persisted.TrySetResult();
            if (received.Duplicate)
            {
                ConnectorLog.Duplicate(logger, storeId, posted.Id!);
            }
            else
            {
                ConnectorLog.ActivityReceived(logger, storeId, posted.Type);
            }
            return TurnInput.From(received);
        }
        // A retry of a turn whose instance died after storing replies: they may never have left.
        var turn = background.Run(_ => turns.ProcessAsync(storeId, ReceiveAsync, Reply, CancellationToken.None,
            replies => outbox.RedeliverAsync(reference, replies, CancellationToken.None)));
        await Task.WhenAny(persisted.Task, turn);
        if (!persisted.Task.IsCompleted)
        {
            await turn; // failed before the activity was stored: the caller gets the error, Azure may retry
        }
    }

    string ITurnReplyChannel.Name => TurnChannel;

    async Task<Func<Activity, CancellationToken, Task<string>>?> ITurnReplyChannel.RepliesAsync(string conversationId, CancellationToken cancellationToken) =>
        await conversations.GetAsync(conversationId, cancellationToken) is { } reference
            ? (reply, ct) => outbox.ReplyAsync(reference, reply, ct)
            : null;

    async Task ITurnReplyChannel.RedeliverAsync(string conversationId, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        if (await conversations.GetAsync(conversationId, cancellationToken) is { } reference)
        {
            await outbox.RedeliverAsync(reference, replies, cancellationToken);
        }
    }
}
