using Bot.Storage.Postgres;

namespace Bot.Uploads;

/// <summary>
/// Upload counters in PostgreSQL, shared by every instance so that the quotas hold whichever instance takes
/// the upload. Adding takes each counter's row lock (in key order, so two uploads never wait for each other
/// in a circle) and rolls back when one would go over its limit. Expired rows are removed now and then.
/// </summary>
internal sealed class PostgresUploadQuotaStore(PostgresDatabase database, TimeProvider clock) : IUploadQuotaStore
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);
    private long _nextPurge;

    public async Task<IReadOnlyList<long>> UsedAsync(IReadOnlyList<QuotaCounter> counters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var used = new List<long>();
        foreach (var counter in counters)
        {
            await using var select = PostgresDatabase.Command(connection, "SELECT bytes FROM upload_quota WHERE key = $1 AND window_start = $2", counter.Key, counter.WindowStart);
            used.Add(await select.ExecuteScalarAsync(cancellationToken) is long bytes ? bytes : 0);
        }
        return used;
    }

    public async Task<QuotaCounter?> TryAddAsync(IReadOnlyList<QuotaCounter> counters, long bytes, CancellationToken cancellationToken)
    {
        await PurgeExpiredAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var counter in counters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            await using var add = PostgresDatabase.Command(connection, """
                INSERT INTO upload_quota (key, window_start, bytes, expires_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (key, window_start) DO UPDATE SET bytes = upload_quota.bytes + excluded.bytes,
                    expires_at = GREATEST(upload_quota.expires_at, excluded.expires_at)
                RETURNING bytes
                """, counter.Key, counter.WindowStart, bytes, counter.ExpiresAt);
            if ((long)(await add.ExecuteScalarAsync(cancellationToken))! > counter.Limit)
            {
                await transaction.RollbackAsync(cancellationToken);
                return counter;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextPurge);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurge, (now + PurgeEvery).UtcTicks, due) != due)
        {
            return;
        }
        await database.ExecuteAsync("DELETE FROM upload_quota WHERE expires_at < $1", cancellationToken, now);
    }
}
