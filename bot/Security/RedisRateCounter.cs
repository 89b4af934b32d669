using StackExchange.Redis;

namespace Bot.Security;

/// <summary>
/// <see cref="IRateCounter"/> in Redis (with <c>ConnectionStrings:Redis</c>), so that rate limits and the
/// sign-in throttle count every instance's requests together. One Lua script per change: INCRBY, and EXPIRE
/// when the key is new (a new window), atomically; a count never goes below zero. While Redis does not
/// answer, this instance counts on its own (<see cref="MemoryRateCounter"/>) rather than refusing residents.
/// </summary>
internal sealed partial class RedisRateCounter(IConnectionMultiplexer redis, ILogger<RedisRateCounter> logger) : IRateCounter
{
    private const string Prefix = "stadsbot:rate:";

    private const string Script = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            ttl = tonumber(ARGV[2])
        end
        if count < 0 then
            redis.call('INCRBY', KEYS[1], -count)
            count = 0
        end
        return { count, ttl }
        """;

    private readonly MemoryRateCounter _fallback = new(TimeProvider.System);

    public async ValueTask<RateCount> AddAsync(string key, long delta, TimeSpan window, CancellationToken cancellationToken)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, [Prefix + key], [delta, (long)window.TotalMilliseconds]))!;
            return new RateCount((long)result[0], DateTimeOffset.UtcNow.AddMilliseconds((long)result[1]));
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogFallback(logger, exception.GetType().Name);
            return await _fallback.AddAsync(key, delta, window, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Redis did not answer a rate counter ({Error}); this instance counts on its own meanwhile")]
    private static partial void LogFallback(ILogger logger, string error);
}
