namespace Bot.Security;

/// <summary>A count in a fixed window and when that window ends.</summary>
internal readonly record struct RateCount(long Count, DateTimeOffset WindowEnds);

/// <summary>
/// Counters for rate limits and throttles (posted activities per conversation, sign-in attempts):
/// each change is atomic and returns the new count, so a limit holds under concurrent requests.
/// In memory per instance (<see cref="MemoryRateCounter"/>), or in Redis (<see cref="RedisRateCounter"/>) so that
/// the limits span instances.
/// </summary>
internal interface IRateCounter
{
    /// <summary>
    /// Adds <paramref name="delta"/> to the key's count in its current window (a new window of
    /// <paramref name="window"/> starts when the last one has ended) and returns the new count.
    /// </summary>
    ValueTask<RateCount> AddAsync(string key, long delta, TimeSpan window, CancellationToken cancellationToken);
}
