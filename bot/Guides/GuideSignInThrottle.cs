using System.Collections.Concurrent;

namespace Bot.Guides;

/// <summary>
/// Slows down password guessing: after 10 failed sign-ins for one user name from one address within
/// 5 minutes (or 100 from one address for any names) further attempts are refused until the window
/// ends. In memory, per instance.
/// </summary>
internal sealed class GuideSignInThrottle(TimeProvider clock)
{
    public const int MaxFailuresPerUser = 10;
    public const int MaxFailuresPerAddress = 100;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long to wait before trying again, or null when an attempt is allowed now.</summary>
    public TimeSpan? RetryAfter(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var wait = Wait(UserKey(userName, address), MaxFailuresPerUser, now);
        var addressWait = Wait(AddressKey(address), MaxFailuresPerAddress, now);
        return wait is null ? addressWait : addressWait is null || wait > addressWait ? wait : addressWait;
    }

    public void RecordFailure(string userName, string address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > PruneAbove)
        {
            foreach (var (key, failures) in _failures)
            {
                if (failures.WindowStart + Window <= now)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
        Count(UserKey(userName, address), now);
        Count(AddressKey(address), now);
    }

    public void RecordSuccess(string userName, string address) => _failures.TryRemove(UserKey(userName, address), out _);

    private void Count(string key, DateTimeOffset now) =>
        _failures.AddOrUpdate(key, _ => new Failures(now, 1),
            (_, failures) => failures.WindowStart + Window <= now ? new Failures(now, 1) : failures with { Count = failures.Count + 1 });

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var failures) && failures.Count >= limit && failures.WindowStart + Window > now
            ? failures.WindowStart + Window - now
            : null;

    private static string UserKey(string userName, string address) => "user:" + userName.Trim().ToUpperInvariant() + "|" + address;

    private static string AddressKey(string address) => "address:" + address;

    private sealed record Failures(DateTimeOffset WindowStart, int Count);
}
