using System.Collections.Concurrent;

namespace Bot.Security;

/// <summary>
/// <see cref="IRateCounter"/> in this process. Each change is one compare-and-swap on the key's entry;
/// ended windows are dropped as the dictionary grows, so it stays bounded by the keys active in a window.
/// </summary>
internal sealed class MemoryRateCounter(TimeProvider clock) : IRateCounter
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, RateCount> _counts = new(StringComparer.Ordinal);
    private int _sincePrune;

    public int Count => _counts.Count;

    public ValueTask<RateCount> AddAsync(string key, long delta, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_counts.Count > PruneAbove && Interlocked.Increment(ref _sincePrune) % 1000 == 1)
        {
            Prune(now);
        }
        var count = _counts.AddOrUpdate(key,
            _ => new RateCount(Math.Max(0, delta), now + window),
            (_, current) => current.WindowEnds <= now ? new RateCount(Math.Max(0, delta), now + window) : current with { Count = Math.Max(0, current.Count + delta) });
        return ValueTask.FromResult(count);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, count) in _counts)
        {
            if (count.WindowEnds <= now)
            {
                _counts.TryRemove(new KeyValuePair<string, RateCount>(key, count));
            }
        }
    }
}
