using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.DirectLine;

/// <summary>Proactive messages (a guide's reply) into a Direct Line conversation's activity log.</summary>
internal sealed class DirectLineSender(IConversationStore store, DirectLineOutbox outbox) : IChannelSender
{
    public string ChannelId => DirectLineService.ChannelId;

    public async Task<string> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var conversation = await store.GetAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException("Unknown conversation.");
        return await outbox.SendAsync(conversation, activity, cancellationToken);
    }
}
