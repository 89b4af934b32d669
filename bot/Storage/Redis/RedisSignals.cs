using StackExchange.Redis;

namespace Bot.Storage.Redis;

/// <summary>Cluster notices over Redis pub/sub, one channel per signal.</summary>
internal sealed class RedisSignals(IConnectionMultiplexer redis) : IClusterSignals
{
    public void Publish(string signal) =>
        redis.GetSubscriber().Publish(Channel(signal), "1", CommandFlags.FireAndForget);

    public void Subscribe(string signal, Action handler) =>
        redis.GetSubscriber().Subscribe(Channel(signal), (_, _) => handler());

    private static RedisChannel Channel(string signal) => RedisChannel.Literal("stadsbot:signal:" + signal);
}
