using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Channels.DirectLine;
using Bot.Hosting;
using Dialogs.Protocol;
using StackExchange.Redis;

namespace Bot.Storage.Redis;

/// <summary>
/// Direct Line fan-out across instances: every stored activity is published on one Redis channel
/// and each instance hands the ones from other instances to its open streams. The log stays the
/// truth: a stream that misses a message (Redis restarting) finds the gap in the log by its position.
/// </summary>
internal sealed class RedisActivityBackplane : IActivityBackplane
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("stadsbot:activities");
    private readonly ISubscriber _subscriber;

    public RedisActivityBackplane(IConnectionMultiplexer redis)
    {
        _subscriber = redis.GetSubscriber();
        _subscriber.Subscribe(Channel).OnMessage(message =>
        {
            if (message.Message.IsNullOrEmpty)
            {
                return;
            }
            var envelope = JsonSerializer.Deserialize<Envelope>((byte[])message.Message!, ActivityJson.Options);
            if (envelope is not null && envelope.Instance != BotInstance.Id)
            {
                Received?.Invoke(envelope.ConversationId, new Bot.Storage.StoredActivity(envelope.Sequence, envelope.Activity));
            }
        });
    }

    public event Action<string, StoredActivity>? Received;

    public void Publish(string conversationId, StoredActivity activity) =>
        _subscriber.Publish(Channel, JsonSerializer.SerializeToUtf8Bytes(new Envelope(BotInstance.Id, conversationId, activity.Sequence, activity.Activity), ActivityJson.Options),
            CommandFlags.FireAndForget);

    private sealed record Envelope(
        [property: JsonPropertyName("i")] string Instance,
        [property: JsonPropertyName("c")] string ConversationId,
        [property: JsonPropertyName("s")] int Sequence,
        [property: JsonPropertyName("a")] Activity Activity);
}
