using Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Uploads;

/// <summary>Upload counters in the table <c>upload_quota</c>; expired rows are removed on the next write.</summary>
internal sealed class SqliteUploadQuotaStore : IUploadQuotaStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _clock;

    public SqliteUploadQuotaStore(BotDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS upload_quota (
                key TEXT NOT NULL,
                window_start TEXT NOT NULL,
                bytes INTEGER NOT NULL,
                expires_at TEXT NOT NULL,
                PRIMARY KEY (key, window_start)
            );
            """);
    }

    public Task<IReadOnlyList<long>> UsedAsync(IReadOnlyList<QuotaCounter> counters, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult<IReadOnlyList<long>>(counters.Select(c => Used(connection, null, c)).ToList());
    }

    public Task<QuotaCounter?> TryAddAsync(IReadOnlyList<QuotaCounter> counters, long bytes, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        using (var purge = connection.CreateCommand())
        {
            purge.Transaction = transaction;
            purge.CommandText = "DELETE FROM upload_quota WHERE expires_at < $now";
            purge.Parameters.AddWithValue("$now", BotDatabase.Timestamp(_clock.GetUtcNow()));
            purge.ExecuteNonQuery();
        }
        foreach (var counter in counters)
        {
            if (Used(connection, transaction, counter) + bytes > counter.Limit)
            {
                return Task.FromResult<QuotaCounter?>(counter);
            }
        }
        foreach (var counter in counters)
        {
            using var add = connection.CreateCommand();
            add.Transaction = transaction;
            add.CommandText = """
                INSERT INTO upload_quota (key, window_start, bytes, expires_at) VALUES ($key, $window, $bytes, $expires)
                ON CONFLICT (key, window_start) DO UPDATE SET bytes = bytes + excluded.bytes, expires_at = max(expires_at, excluded.expires_at)
                """;
            add.Parameters.AddWithValue("$key", counter.Key);
            add.Parameters.AddWithValue("$window", BotDatabase.Timestamp(counter.WindowStart));
            add.Parameters.AddWithValue("$bytes", bytes);
            add.Parameters.AddWithValue("$expires", BotDatabase.Timestamp(counter.ExpiresAt));
            add.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.FromResult<QuotaCounter?>(null);
    }

    private static long Used(SqliteConnection connection, SqliteTransaction? transaction, QuotaCounter counter)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT bytes FROM upload_quota WHERE key = $key AND window_start = $window";
        select.Parameters.AddWithValue("$key", counter.Key);
        select.Parameters.AddWithValue("$window", BotDatabase.Timestamp(counter.WindowStart));
        return select.ExecuteScalar() is long used ? used : 0;
    }
}
