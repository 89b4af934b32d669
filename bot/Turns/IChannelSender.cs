using Dialogs.Protocol;

namespace Bot.Turns;

/// <summary>Delivers an activity to a conversation on the channel it lives on (used for guide replies and proactive messages).</summary>
internal interface IChannelSender
{
    string ChannelId { get; }

    Task<string> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);
}

/// <summary>Delivers to the conversations it owns, whatever their channel id (conversations that came through Azure Bot Service).</summary>
internal interface IConversationSender
{
    bool Owns(string conversationId);

    Task<string> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);
}

/// <summary>All channel senders: the one that owns the conversation, else the one of its channel id.</summary>
internal sealed class ChannelSenders(IEnumerable<IChannelSender> senders, IEnumerable<IConversationSender> owners)
{
    private readonly Dictionary<string, IChannelSender> _byChannel = senders.ToDictionary(s => s.ChannelId, StringComparer.OrdinalIgnoreCase);

    public Task<string> SendAsync(string channelId, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        owners.FirstOrDefault(o => o.Owns(conversationId)) is { } owner ? owner.SendAsync(conversationId, activity, cancellationToken)
        : _byChannel.TryGetValue(channelId, out var sender)
            ? sender.SendAsync(conversationId, activity, cancellationToken)
            : throw new InvalidOperationException($"No sender for channel '{channelId}'.");
}
