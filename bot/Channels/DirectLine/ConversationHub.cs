using System.Collections.Concurrent;
using System.Threading.Channels;
using Bot.Storage;

namespace Bot.Channels.DirectLine;

/// <summary>
/// Fans out newly stored activities to the WebSocket streams open on a conversation (several
/// browser tabs may listen at once). Listeners on this instance get them directly; with several
/// instances the <see cref="IActivityBackplane"/> (Redis) carries them to the streams open elsewhere.
/// A conversation is in the table only while a stream listens to it.
/// </summary>
internal sealed class ConversationHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<StoredActivity>>> _listeners = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly IActivityBackplane _backplane;

    public ConversationHub(IActivityBackplane backplane)
    {
        _backplane = backplane;
        backplane.Received += DeliverLocally;
    }

    /// <summary>Conversations with at least one open stream.</summary>
    public int Count => _listeners.Count;

    public Subscription Subscribe(string conversationId)
    {
        var channel = Channel.CreateBounded<StoredActivity>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        lock (_gate)
        {
            _listeners.GetOrAdd(conversationId, _ => new ConcurrentDictionary<Guid, Channel<StoredActivity>>())[id] = channel;
        }
        return new Subscription(channel.Reader, () =>
        {
            lock (_gate)
            {
                if (_listeners.TryGetValue(conversationId, out var listeners) && listeners.TryRemove(id, out _) && listeners.IsEmpty)
                {
                    _listeners.TryRemove(conversationId, out _);
                }
            }
        });
    }

    public void Publish(string conversationId, StoredActivity activity)
    {
        DeliverLocally(conversationId, activity);
        _backplane.Publish(conversationId, activity);
    }

    private void DeliverLocally(string conversationId, StoredActivity activity)
    {
        if (_listeners.TryGetValue(conversationId, out var listeners))
        {
            foreach (var channel in listeners.Values)
            {
                channel.Writer.TryWrite(activity);
            }
        }
    }

    public sealed class Subscription(ChannelReader<StoredActivity> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<StoredActivity> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}

/// <summary>Carries stored activities to the other instances, whose streams may be waiting for them.</summary>
internal interface IActivityBackplane
{
    /// <summary>An activity stored by another instance.</summary>
    event Action<string, StoredActivity>? Received;

    void Publish(string conversationId, StoredActivity activity);
}
