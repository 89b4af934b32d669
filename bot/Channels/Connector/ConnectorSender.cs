using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary>Guide replies and other proactive messages to conversations that came through Azure Bot Service, whatever their channel id.</summary>
internal sealed class ConnectorSender(ConnectorOutbox outbox) : IConversationSender
{
    public bool Owns(string conversationId) => ConnectorConversations.Owns(conversationId);

    public Task<string> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        outbox.SendAsync(conversationId, activity, cancellationToken);
}
