using Bot.Storage.Postgres;
using Npgsql;

namespace Bot.FaultReports;

/// <summary>
/// The webhook outbox in PostgreSQL (table <c>webhook_outbox</c>), shared by every instance: each delivery is
/// claimed by one instance (<c>FOR UPDATE SKIP LOCKED</c>), so the case system gets it once; <see cref="PostgresFaultReportStore"/> writes the rows.
/// </summary>
internal sealed class PostgresWebhookOutbox(PostgresDatabase database) : IWebhookOutbox
{
    /// <summary>Writes a delivery of the report's change, in the caller's transaction.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, string reference, string change, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Due at once by real time (Bot:Now may fix the report's time elsewhere).
        await using var insert = PostgresDatabase.Command(connection,
            "INSERT INTO webhook_outbox (kind, subject, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5)",
            WebhookKinds.FaultReport, reference, change, at, DateTimeOffset.UtcNow);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WebhookDelivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        (await database.QueryAsync("""
            UPDATE webhook_outbox SET next_attempt_at = $2
            WHERE id = (SELECT id FROM webhook_outbox WHERE done_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, subject, payload, attempts, created_at
            """, r => new WebhookDelivery(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), PostgresDatabase.Time(r, 4)),
            cancellationToken, now, claimUntil)).FirstOrDefault();

    public Task DoneAsync(long id, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM webhook_outbox WHERE id = $1", cancellationToken, id);

    public Task RetryAsync(long id, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1", cancellationToken, id, nextAttemptAt);
}
