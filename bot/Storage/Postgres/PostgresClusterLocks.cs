using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// Session-level PostgreSQL advisory locks, keyed by the first 8 bytes of the name's SHA-256. A held
/// lock keeps its own pooled connection; <c>pg_advisory_lock</c> waits in the server (no polling),
/// and the lock ends with the session, so an instance that dies releases its locks at once. The
/// connections come from a pool of their own (<see cref="MaxHeld"/>), so that turns waiting for a lock
/// never starve the queries of the turns holding one.
/// </summary>
internal sealed class PostgresClusterLocks : IClusterLocks, IAsyncDisposable
{
    /// <summary>At most this many locks held (and waited for) at once per instance; more wait for a connection.</summary>
    public const int MaxHeld = 64;

    private readonly NpgsqlDataSource _locks;

    public PostgresClusterLocks(PostgresDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = MaxHeld, ApplicationName = "stadsbot-locks" };
        _locks = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task<IAsyncDisposable?> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await _locks.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = PostgresDatabase.Command(connection, "SELECT pg_advisory_lock($1)", Key(name));
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection, Key(name));
        }
        catch
        {
            // Cancelled while waiting (the resident left): the lock was not granted.
            await DiscardAsync(connection);
            throw;
        }
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await _locks.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = PostgresDatabase.Command(connection, "SELECT pg_try_advisory_lock($1)", Key(name));
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return new Held(connection, Key(name));
            }
        }
        catch
        {
            await DiscardAsync(connection);
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public ValueTask DisposeAsync() => _locks.DisposeAsync();

    public static long Key(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("stadsbot:" + name)), 0);

    /// <summary>
    /// Back to the pool (a broken one is dropped by Npgsql). A pooled connection is reset with
    /// <c>DISCARD ALL</c> before its next use, which also releases any advisory lock it still held.
    /// </summary>
    private static ValueTask DiscardAsync(NpgsqlConnection connection) => connection.DisposeAsync();

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }
            try
            {
                await using var release = PostgresDatabase.Command(connection, "SELECT pg_advisory_unlock($1)", key);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
                await connection.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // The session is gone, and the lock with it.
                await DiscardAsync(connection);
            }
        }
    }
}
