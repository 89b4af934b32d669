using System.Collections.Concurrent;
using System.Threading.Channels;
using Bot.Storage;

namespace Bot.Channels.DirectLine;

/// <summary>
/// Fans out newly stored activities to the WebSocket streams open on a conversation (several
/// browser tabs may listen at once). In-process; a Redis backplane takes this role when scaled out.
/// </summary>
internal sealed class ConversationHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<StoredActivity>>> _listeners = new(StringComparer.Ordinal);

    public Subscription Subscribe(string conversationId)
    {
        var channel = Channel.CreateBounded<StoredActivity>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _listeners.GetOrAdd(conversationId, _ => new ConcurrentDictionary<Guid, Channel<StoredActivity>>())[id] = channel;
        return new Subscription(channel.Reader, () =>
        {
            if (_listeners.TryGetValue(conversationId, out var listeners))
            {
                listeners.TryRemove(id, out _);
            }
        });
    }

    public void Publish(string conversationId, StoredActivity activity)
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
