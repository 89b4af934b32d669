using System.Globalization;
using Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.FaultReports;

/// <summary>The webhook outbox in the SQLite database; <see cref="SqliteFaultReportStore"/> creates the table and writes the rows.</summary>
internal sealed class SqliteWebhookOutbox : IWebhookOutbox
{
    private readonly BotDatabase _database;

    /// <summary>Takes the report store so that the table exists.</summary>
    public SqliteWebhookOutbox(BotDatabase database, IFaultReportRecords store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _database = database;
    }

    public const string Table = """
        CREATE TABLE IF NOT EXISTS webhook_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS webhook_outbox_due ON webhook_outbox (next_attempt_at);
        """;

    /// <summary>Writes a delivery of the report's change, in the caller's transaction.</summary>
    public static void Add(SqliteConnection connection, string reference, string change, DateTimeOffset at)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO webhook_outbox (kind, subject, payload, created_at, next_attempt_at) VALUES ($kind, $reference, $change, $at, $next)";
        insert.Parameters.AddWithValue("$kind", WebhookKinds.FaultReport);
        insert.Parameters.AddWithValue("$reference", reference);
        insert.Parameters.AddWithValue("$change", change);
        insert.Parameters.AddWithValue("$at", BotDatabase.Timestamp(at));
        // Due at once by real time (Bot:Now may fix the report's time elsewhere).
        insert.Parameters.AddWithValue("$next", BotDatabase.Timestamp(DateTimeOffset.UtcNow));
        insert.ExecuteNonQuery();
    }

    public Task<WebhookDelivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var claim = connection.CreateCommand();
        claim.CommandText = """
            UPDATE webhook_outbox SET next_attempt_at = $until
            WHERE id = (SELECT id FROM webhook_outbox WHERE next_attempt_at <= $now ORDER BY id LIMIT 1)
            RETURNING id, subject, payload, attempts, created_at
            """;
        claim.Parameters.AddWithValue("$now", BotDatabase.Timestamp(now));
        claim.Parameters.AddWithValue("$until", BotDatabase.Timestamp(claimUntil));
        using var reader = claim.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new WebhookDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            : null);
    }

    public Task DoneAsync(long id, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM webhook_outbox WHERE id = $id", id, null);

    public Task RetryAsync(long id, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = $next WHERE id = $id", id, nextAttemptAt);

    private Task ExecuteAsync(string sql, long id, DateTimeOffset? next)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        if (next is { } at)
        {
            command.Parameters.AddWithValue("$next", BotDatabase.Timestamp(at));
        }
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}
