using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.DirectLine;

/// <summary>Stores an outgoing activity (bot or guide) in the conversation's log and fans it out to open streams.</summary>
internal sealed class DirectLineOutbox(IConversationStore store, ConversationHub hub)
{
    public async Task<string> SendAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        var stored = await store.AppendAsync(conversation.Id, (sequence, timestamp) => activity with
        {
            Id = DirectLineService.ActivityId(conversation.Id, sequence),
            Timestamp = timestamp,
            ChannelId = DirectLineService.ChannelId,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = activity.From ?? BotIdentity.Account,
            Recipient = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User },
            ServiceUrl = null,
        }, cancellationToken);
        hub.Publish(conversation.Id, stored);
        return stored.Activity.Id!;
    }
}
