namespace Bot.Storage;

/// <summary>
/// Locks that hold across every instance sharing a store (PostgreSQL advisory locks). They end with
/// the holder's database session, so an instance that dies releases its locks at once.
/// </summary>
internal interface IClusterLocks
{
    /// <summary>Waits for the lock; null when locks are local only (one instance).</summary>
    Task<IAsyncDisposable?> AcquireAsync(string name, CancellationToken cancellationToken);

    /// <summary>The lock if it is free now, else null.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

/// <summary>One instance: the process's own locks are all there is, so a cluster lock is always free.</summary>
internal sealed class LocalClusterLocks : IClusterLocks
{
    public static readonly LocalClusterLocks Instance = new();

    public Task<IAsyncDisposable?> AcquireAsync(string name, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(null);

    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(Held.Instance);

    private sealed class Held : IAsyncDisposable
    {
        public static readonly Held Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
