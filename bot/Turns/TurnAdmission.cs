using Bot.Storage;

namespace Bot.Turns;

/// <summary>
/// <c>Bot:MaxConcurrentTurns</c>: how many turns (and guide actions under a conversation lock) this
/// instance runs at once; the others wait their turn in memory, before they take a lock or a database
/// connection. A turn on PostgreSQL spends most of its time waiting for the database, so without a
/// limit every request that arrives starts at once, and a thousand turns share the CPU and the
/// connection pools: each then takes seconds instead of milliseconds, and all finish late together.
/// With a limit the ones admitted run at full speed and the time in line is measured separately
/// (<see cref="TurnQueueTime"/>, the <c>queue</c> entry of <c>Server-Timing</c>).
/// Default: 8 per processor with PostgreSQL; no limit with SQLite, whose turns do not wait on a server.
/// </summary>
internal sealed class TurnAdmission
{
    public const string Key = "Bot:MaxConcurrentTurns";
    private readonly SemaphoreSlim? _slots;

    public TurnAdmission(int limit)
    {
        Limit = limit;
        _slots = limit > 0 ? new SemaphoreSlim(limit, limit) : null;
    }

    /// <summary>At most this many at once; 0: no limit.</summary>
    public int Limit { get; }

    public static TurnAdmission Unlimited { get; } = new(0);

    public static TurnAdmission From(IConfiguration configuration, StoreOptions store) =>
        new(Math.Max(0, configuration.GetValue(Key, store.Postgres ? 8 * Environment.ProcessorCount : 0)));

    /// <summary>Waits for a place; dispose the result to give it up.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            return Place.None;
        }
        if (!_slots.Wait(0, CancellationToken.None))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await _slots.WaitAsync(cancellationToken);
            TurnQueueTime.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        return new Place(_slots);
    }

    private sealed class Place(SemaphoreSlim? slots) : IDisposable
    {
        public static readonly Place None = new(null);
        private int _left;

        public void Dispose()
        {
            if (slots is not null && Interlocked.Exchange(ref _left, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>
/// The time a request's turn waited for <see cref="TurnAdmission"/>, so that the Direct Line POST can
/// report it apart from the turn itself. The request opens it; the admission, further down the same
/// async flow, adds to it.
/// </summary>
internal sealed class TurnQueueTime
{
    private static readonly AsyncLocal<TurnQueueTime?> CurrentTime = new();
    private long _ticks;

    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Starts measuring for the current request (and what it awaits).</summary>
    public static TurnQueueTime Begin()
    {
        var time = new TurnQueueTime();
        CurrentTime.Value = time;
        return time;
    }

    public static void Add(TimeSpan waited)
    {
        if (CurrentTime.Value is { } time)
        {
            Interlocked.Add(ref time._ticks, waited.Ticks);
        }
    }
}
