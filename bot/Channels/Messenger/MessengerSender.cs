using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.Messenger;

/// <summary>Guide replies and other proactive messages to a Messenger resident.</summary>
internal sealed class MessengerSender(IConversationStore store, MessengerOutbox outbox) : IChannelSender
{
    public string ChannelId => MessengerChannel.ChannelId;

    public async Task<string> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await store.GetAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException("Unknown conversation.");
        return await outbox.SendAsync(conversation, activity, cancellationToken);
    }
}
