using Bot.Storage;
using Bot.Turns;
using Dialogs.Engine;
using Dialogs.Protocol;

namespace Bot.Channels.Messenger;

/// <summary>
/// The Messenger channel: runs the bot's turn on an inbox event, exactly as Direct Line does
/// (resident's activity stored in the conversation log, one turn at a time per conversation);
/// the replies go out through <see cref="MessengerOutbox"/>.
/// </summary>
internal sealed class MessengerChannel(
    IConversationStore store,
    IConversationStateStore states,
    ConversationLocks locks,
    TurnProcessor turns,
    MessengerOutbox outbox,
    MessengerPhotos photos,
    ILogger<MessengerChannel> logger)
{
    public const string ChannelId = "facebook";

    /// <summary>One conversation per page and resident: <c>{PSID}-{PAGE_ID}</c>, as the Bot Framework's Facebook channel names it.</summary>
    public static string ConversationId(string pageId, string psid) => $"{psid}-{pageId}";

    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        var conversationId = item.Event.ConversationId;
        await store.CreateAsync(conversationId, item.Event.SenderId, ChannelId, cancellationToken);
        if (item.Event.Kind == MessengerEventKinds.ThreadControl)
        {
            await ThreadControlReturnedAsync(conversationId, cancellationToken);
            return;
        }
        if (MessengerActivityMapper.ToActivity(item.Event) is not { } activity)
        {
            return;
        }
        if (item.Event.Kind == MessengerEventKinds.Standby)
        {
            // Another app (the Page Inbox) owns the thread: the message goes in the transcript only.
            await ReceiveAsync(item, activity, cancellationToken);
            return;
        }
        if (activity.Type == ActivityTypes.Message)
        {
            await outbox.SenderActionAsync(item.Event.SenderId, conversationId, "typing_on", cancellationToken);
        }
        var conversation = await store.GetAsync(conversationId, cancellationToken) ?? throw new InvalidOperationException("The conversation was not created.");
        await turns.ProcessAsync(conversationId, ct => ReceiveAsync(item, activity, ct), (reply, ct) => outbox.SendAsync(conversation, reply, ct), cancellationToken);
    }

    public static string ActivityId(string conversationId, int sequence) => $"{conversationId}|{sequence:D7}";

    /// <summary>
    /// Stores the resident's activity once, however often the event is processed (a restart in
    /// mid-turn): the inbox row is the pending turn, and a turn whose reply is already in the log is not run again.
    /// </summary>
    private async Task<TurnInput> ReceiveAsync(InboxItem item, Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = item.Event.ConversationId;
        // Photos are fetched from Meta's CDN and stored before the activity is, so the log has our own links.
        // (An event processed again after a crash fetches them again; the log keeps the first copy's links,
        // and the spare copy goes with the conversation's uploads at retention.)
        activity = await photos.StoreAsync(activity, conversationId, item.Event.SenderId, cancellationToken);
        var received = await store.ReceiveAsync(conversationId, "messenger:" + item.Event.Key, null, (sequence, timestamp) => activity with
        {
            Id = activity.Id ?? ActivityId(conversationId, sequence),
            Timestamp = timestamp,
        }, cancellationToken);
        if (!received.Duplicate)
        {
            MessengerLog.ActivityReceived(logger, received.Stored.Activity.Id!, received.Stored.Activity.Type, conversationId);
        }
        return new TurnInput(received.Stored.Activity, received.Stored.Sequence, RunTurn: true, Pending: false, Replay: received.Duplicate);
    }

    /// <summary>The Page Inbox marked the thread done and passed it back: the bot answers again.</summary>
    private async Task ThreadControlReturnedAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        if (await states.LoadAsync(conversationId, cancellationToken) is { } state && state.Owner != ConversationOwners.Bot)
        {
            await states.SaveAsync(conversationId, state with { Owner = ConversationOwners.Bot, CaseId = null }, cancellationToken);
        }
        MessengerLog.ThreadReturned(logger, conversationId);
    }
}
