using Bot.Storage.Postgres;
using Npgsql;

namespace Bot.Email;

/// <summary>
/// The e-mail outbox in PostgreSQL, shared by every instance: an e-mail queued through any instance is sent
/// by exactly one of them (claimed with <c>FOR UPDATE SKIP LOCKED</c>), and by another if that one dies.
/// </summary>
internal sealed class PostgresEmailOutbox(PostgresDatabase database) : IEmailOutbox
{
    private const string Columns = "id, case_id, conversation_id, recipient, subject, body, guide, created_at, next_attempt_at, attempts, last_error, sent_at";

    public Task AddAsync(OutgoingEmail email, CancellationToken cancellationToken) =>
        database.ExecuteAsync($"INSERT INTO email_outbox ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, NULL, NULL)", cancellationToken,
            email.Id, email.CaseId, email.ConversationId, email.To, email.Subject, email.Body, email.Guide, email.CreatedAt, email.NextAttemptAt);

    public async Task<OutgoingEmail?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"""
            UPDATE email_outbox SET next_attempt_at = $2
            WHERE id = (SELECT id FROM email_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, Read, cancellationToken, now, claimUntil)).FirstOrDefault();

    public Task MarkSentAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE email_outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1", cancellationToken, id, at);

    public Task MarkFailedAsync(string id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE email_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1", cancellationToken,
            id, error.Length > 500 ? error[..500] : error, nextAttemptAt);

    public async Task<IReadOnlyList<OutgoingEmail>> OfCaseAsync(string caseId, CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {Columns} FROM email_outbox WHERE case_id = $1 ORDER BY created_at", Read, cancellationToken, caseId);

    public async Task<IReadOnlyList<OutgoingEmail>> OfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {Columns} FROM email_outbox WHERE conversation_id = $1 ORDER BY created_at", Read, cancellationToken, conversationId);

    public Task<int> DeleteAsync(DateTimeOffset? sentBefore, string? conversationId, CancellationToken cancellationToken) =>
        conversationId is not null
            ? database.ExecuteAsync("DELETE FROM email_outbox WHERE conversation_id = $1", cancellationToken, conversationId)
            : database.ExecuteAsync("DELETE FROM email_outbox WHERE sent_at IS NOT NULL AND created_at < $1", cancellationToken, sentBefore ?? DateTimeOffset.MinValue);

    private static OutgoingEmail Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        CaseId = reader.GetString(1),
        ConversationId = reader.GetString(2),
        To = reader.GetString(3),
        Subject = reader.GetString(4),
        Body = reader.GetString(5),
        Guide = reader.GetString(6),
        CreatedAt = PostgresDatabase.Time(reader, 7),
        NextAttemptAt = PostgresDatabase.Time(reader, 8),
        Attempts = reader.GetInt32(9),
        LastError = PostgresDatabase.Text(reader, 10),
        SentAt = PostgresDatabase.NullableTime(reader, 11),
    };
}
