using Medallion.Threading.Postgres;

namespace Bot.Storage.Postgres;

/// <summary>
/// PostgreSQL advisory locks (DistributedLock.Postgres), keyed by a hash of the name. Many locks share
/// a few connections (multiplexing), so a thousand conversations in flight do not need a thousand connections.
/// </summary>
internal sealed class PostgresClusterLocks(PostgresDatabase database) : IClusterLocks
{
    private readonly PostgresDistributedSynchronizationProvider _provider =
        new(database.ConnectionString);

    public async Task<IAsyncDisposable?> AcquireAsync(string name, CancellationToken cancellationToken) =>
        await _provider.CreateLock(Key(name)).AcquireAsync(cancellationToken: cancellationToken);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) =>
        await _provider.CreateLock(Key(name)).TryAcquireAsync(cancellationToken: cancellationToken);

    private static PostgresAdvisoryLockKey Key(string name) => new("stadsbot:" + name, allowHashing: true);
}
