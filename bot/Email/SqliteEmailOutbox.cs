using System.Globalization;
using Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Email;

/// <summary>The e-mail outbox in the table <c>email_outbox</c> of the SQLite database.</summary>
internal sealed class SqliteEmailOutbox : IEmailOutbox
{
    private const string Columns = "id, case_id, conversation_id, recipient, subject, body, guide, created_at, next_attempt_at, attempts, last_error, sent_at";
    private readonly BotDatabase _database;

    public SqliteEmailOutbox(BotDatabase database)
    {
        _database = database;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS email_outbox (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                guide TEXT NOT NULL,
                created_at TEXT NOT NULL,
                next_attempt_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT NULL,
                sent_at TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS email_outbox_due ON email_outbox (sent_at, next_attempt_at);
            CREATE INDEX IF NOT EXISTS email_outbox_case ON email_outbox (case_id);
            """);
    }

    public Task AddAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO email_outbox ({Columns}) VALUES ($id, $case, $conversation, $to, $subject, $body, $guide, $created, $next, 0, NULL, NULL)";
        command.Parameters.AddWithValue("$id", email.Id);
        command.Parameters.AddWithValue("$case", email.CaseId);
        command.Parameters.AddWithValue("$conversation", email.ConversationId);
        command.Parameters.AddWithValue("$to", email.To);
        command.Parameters.AddWithValue("$subject", email.Subject);
        command.Parameters.AddWithValue("$body", email.Body);
        command.Parameters.AddWithValue("$guide", email.Guide);
        command.Parameters.AddWithValue("$created", BotDatabase.Timestamp(email.CreatedAt));
        command.Parameters.AddWithValue("$next", BotDatabase.Timestamp(email.NextAttemptAt));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<OutgoingEmail?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE email_outbox SET next_attempt_at = $until
            WHERE id = (SELECT id FROM email_outbox WHERE sent_at IS NULL AND next_attempt_at <= $now ORDER BY created_at LIMIT 1)
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$now", BotDatabase.Timestamp(now));
        command.Parameters.AddWithValue("$until", BotDatabase.Timestamp(claimUntil));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    public Task MarkSentAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        Update("UPDATE email_outbox SET sent_at = $at, attempts = attempts + 1, last_error = NULL WHERE id = $id", id, ("$at", BotDatabase.Timestamp(at)));

    public Task MarkFailedAsync(string id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        Update("UPDATE email_outbox SET attempts = attempts + 1, last_error = $error, next_attempt_at = $next WHERE id = $id", id,
            ("$error", error.Length > 500 ? error[..500] : error), ("$next", BotDatabase.Timestamp(nextAttemptAt)));

    public Task<IReadOnlyList<OutgoingEmail>> OfCaseAsync(string caseId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutgoingEmail>>(Query("WHERE case_id = $p ORDER BY created_at", caseId));

    public Task<IReadOnlyList<OutgoingEmail>> OfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutgoingEmail>>(Query("WHERE conversation_id = $p ORDER BY created_at", conversationId));

    public Task<int> DeleteAsync(DateTimeOffset? sentBefore, string? conversationId, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = conversationId is not null
            ? "DELETE FROM email_outbox WHERE conversation_id = $p"
            : "DELETE FROM email_outbox WHERE sent_at IS NOT NULL AND created_at < $p";
        command.Parameters.AddWithValue("$p", conversationId ?? BotDatabase.Timestamp(sentBefore ?? DateTimeOffset.MinValue));
        return Task.FromResult(command.ExecuteNonQuery());
    }

    private Task Update(string sql, string id, params (string Name, object Value)[] parameters)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private List<OutgoingEmail> Query(string where, string parameter)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM email_outbox {where}";
        command.Parameters.AddWithValue("$p", parameter);
        using var reader = command.ExecuteReader();
        var list = new List<OutgoingEmail>();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }
        return list;
    }

    private static OutgoingEmail Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        CaseId = reader.GetString(1),
        ConversationId = reader.GetString(2),
        To = reader.GetString(3),
        Subject = reader.GetString(4),
        Body = reader.GetString(5),
        Guide = reader.GetString(6),
        CreatedAt = Time(reader.GetString(7)),
        NextAttemptAt = Time(reader.GetString(8)),
        Attempts = reader.GetInt32(9),
        LastError = reader.IsDBNull(10) ? null : reader.GetString(10),
        SentAt = reader.IsDBNull(11) ? null : Time(reader.GetString(11)),
    };

    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
