using Bot.Security;

namespace Bot.Guides;

/// <summary>
/// Slows down password guessing. Every attempt first takes a place in three counters (one account from one
/// address, one account from anywhere, one address for any account) within a 5-minute window; a failed
/// attempt keeps its place, a successful one or one refused gives it back. While a counter is over its
/// limit the password is not even checked. Taking the place is atomic (<see cref="IRateCounter"/>), so
/// concurrent guesses cannot get more checks than the limit.
/// </summary>
internal sealed class GuideSignInThrottle(IRateCounter counter, TimeProvider clock)
{
    public const int MaxFailuresPerUserAndAddress = 10;
    public const int MaxFailuresPerUser = 30;
    public const int MaxFailuresPerAddress = 100;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Takes the attempt's places; when one counter is full, gives them back and says how long to wait.</summary>
    public async Task<(SignInAttempt? Attempt, TimeSpan? RetryAfter)> BeginAsync(string userName, string address, CancellationToken cancellationToken)
    {
        var name = userName.Trim().ToUpperInvariant();
        var attempt = new SignInAttempt(this, [("signin:user-address:" + name + "|" + address, MaxFailuresPerUserAndAddress),
            ("signin:user:" + name, MaxFailuresPerUser), ("signin:address:" + address, MaxFailuresPerAddress)]);
        TimeSpan? wait = null;
        foreach (var (key, limit) in attempt.Keys)
        {
            var count = await counter.AddAsync(key, 1, Window, cancellationToken);
            if (count.Count > limit)
            {
                var left = count.WindowEnds - clock.GetUtcNow();
                wait = wait is null || left > wait ? left : wait;
            }
        }
        if (wait is null)
        {
            return (attempt, null);
        }
        await attempt.GiveBackAsync(cancellationToken);
        return (null, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
    }

    private Task ReleaseAsync(IEnumerable<(string Key, int Limit)> keys, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Select(k => counter.AddAsync(k.Key, -1, Window, cancellationToken).AsTask()));

    /// <summary>One attempt that holds its places in the counters.</summary>
    internal sealed class SignInAttempt(GuideSignInThrottle throttle, IReadOnlyList<(string Key, int Limit)> keys)
    {
        public IReadOnlyList<(string Key, int Limit)> Keys { get; } = keys;

        /// <summary>The password was right: the attempt is not a failure.</summary>
        public Task SucceededAsync(CancellationToken cancellationToken) => GiveBackAsync(cancellationToken);

        internal Task GiveBackAsync(CancellationToken cancellationToken) => throttle.ReleaseAsync(Keys, cancellationToken);
    }
}
