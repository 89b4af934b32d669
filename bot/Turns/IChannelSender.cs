using Dialogs.Protocol;

namespace Bot.Turns;

/// <summary>Delivers an activity to a conversation on the channel it lives on (used for guide replies and proactive messages).</summary>
internal interface IChannelSender
{
    string ChannelId { get; }

    Task<string> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);
}

/// <summary>All channel senders, by channel id.</summary>
internal sealed class ChannelSenders(IEnumerable<IChannelSender> senders)
{
    private readonly Dictionary<string, IChannelSender> _byChannel = senders.ToDictionary(s => s.ChannelId, StringComparer.OrdinalIgnoreCase);

    public Task<string> SendAsync(string channelId, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        _byChannel.TryGetValue(channelId, out var sender)
            ? sender.SendAsync(conversationId, activity, cancellationToken)
            : throw new InvalidOperationException($"No sender for channel '{channelId}'.");
}
