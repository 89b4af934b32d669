using Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Channels.Messenger;

/// <summary>An event waiting in the inbox.</summary>
internal sealed record InboxItem(long Seq, MessengerEvent Event, int Attempts);

/// <summary>
/// The durable inbox of webhook events: written before Meta gets its 200, so an acknowledged event
/// survives a crash; unique by event key, so a redelivery is stored once. Processed events are
/// forgotten after a while (30 days); an event older than <see cref="MessengerInboxRules.MaxEventAge"/>
/// by Meta's own timestamp is never taken, so a delivery replayed after its key was forgotten is not
/// answered twice. Also keeps when each resident last wrote, for the 24-hour window. SQLite or PostgreSQL.
/// </summary>
internal interface IMessengerInbox
{
    /// <summary>
    /// Stores the events of one delivery in one transaction; returns how many were new (not redeliveries,
    /// not older than <see cref="MessengerInboxRules.MaxEventAge"/>).
    /// </summary>
    Task<int> AddAsync(IReadOnlyList<MessengerEvent> events, CancellationToken cancellationToken);

    /// <summary>Unprocessed events, oldest first (by Meta's timestamp, then arrival); of one conversation when given.</summary>
    Task<IReadOnlyList<InboxItem>> PendingAsync(int limit, string? conversationId, CancellationToken cancellationToken);

    Task MarkDoneAsync(long seq, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt; after <see cref="MessengerInboxRules.MaxAttempts"/> the event is given up (true).</summary>
    Task<bool> MarkFailedAsync(long seq, CancellationToken cancellationToken);

    /// <summary>When the resident last wrote to the page, if ever.</summary>
    Task<DateTimeOffset?> LastResidentMessageAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>What both inboxes keep to: attempts, how long processed keys are kept, how old an event may be.</summary>
internal static class MessengerInboxRules
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan KeepDone = TimeSpan.FromDays(30);

    /// <summary>
    /// Nothing can be sent to a resident more than 7 days after their message (the human-agent tag), so older
    /// events are replays; and they must be younger than the shortest time a processed key is kept.
    /// </summary>
    public static TimeSpan MaxEventAge(Privacy.PrivacyOptions privacy) => TimeSpan.FromDays(Math.Clamp(privacy.RetentionDays, 1, 7));
}

/// <summary>The inbox in the embedded SQLite database.</summary>
internal sealed class SqliteMessengerInbox : IMessengerInbox
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxEventAge;

    public SqliteMessengerInbox(BotDatabase database, TimeProvider clock, Privacy.PrivacyOptions privacy)
    {
        _database = database;
        _clock = clock;
        _maxEventAge = MessengerInboxRules.MaxEventAge(privacy);
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS messenger_inbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                event_key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                page_id TEXT NOT NULL,
                sender_id TEXT NOT NULL,
                timestamp INTEGER NOT NULL,
                json TEXT NOT NULL,
                received_at TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                stored_seq INTEGER NULL,
                done_at TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS messenger_inbox_pending ON messenger_inbox (state, timestamp, seq);
            CREATE TABLE IF NOT EXISTS messenger_residents (
                conversation_id TEXT PRIMARY KEY,
                page_id TEXT NOT NULL,
                psid TEXT NOT NULL,
                last_message_ms INTEGER NOT NULL
            );
            """);
        using var purge = connection.CreateCommand();
        purge.CommandText = "DELETE FROM messenger_inbox WHERE state <> 'pending' AND done_at < $before";
        purge.Parameters.AddWithValue("$before", BotDatabase.Timestamp(clock.GetUtcNow() - MessengerInboxRules.KeepDone));
        purge.ExecuteNonQuery();
    }

    public Task<int> AddAsync(IReadOnlyList<MessengerEvent> events, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var oldest = (now - _maxEventAge).ToUnixTimeMilliseconds();
        using var connection = _database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        var added = 0;
        foreach (var item in events)
        {
            if (item.Timestamp > 0 && item.Timestamp < oldest)
            {
                continue;
            }
            var timestamp = item.Timestamp > 0 ? item.Timestamp : now.ToUnixTimeMilliseconds();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT OR IGNORE INTO messenger_inbox (event_key, kind, page_id, sender_id, timestamp, json, received_at)
                VALUES ($key, $kind, $page, $sender, $ts, $json, $now)
                """;
            insert.Parameters.AddWithValue("$key", item.Key);
            insert.Parameters.AddWithValue("$kind", item.Kind);
            insert.Parameters.AddWithValue("$page", item.PageId);
            insert.Parameters.AddWithValue("$sender", item.SenderId);
            insert.Parameters.AddWithValue("$ts", timestamp);
            insert.Parameters.AddWithValue("$json", item.Json);
            insert.Parameters.AddWithValue("$now", BotDatabase.Timestamp(now));
            var isNew = insert.ExecuteNonQuery() == 1;
            added += isNew ? 1 : 0;
            if (isNew && item.FromResident)
            {
                using var resident = connection.CreateCommand();
                resident.Transaction = transaction;
                resident.CommandText = """
                    INSERT INTO messenger_residents (conversation_id, page_id, psid, last_message_ms) VALUES ($id, $page, $psid, $ts)
                    ON CONFLICT (conversation_id) DO UPDATE SET last_message_ms = max(last_message_ms, excluded.last_message_ms)
                    """;
                resident.Parameters.AddWithValue("$id", item.ConversationId);
                resident.Parameters.AddWithValue("$page", item.PageId);
                resident.Parameters.AddWithValue("$psid", item.SenderId);
                resident.Parameters.AddWithValue("$ts", timestamp);
                resident.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        return Task.FromResult(added);
    }

    public Task<IReadOnlyList<InboxItem>> PendingAsync(int limit, string? conversationId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT seq, event_key, kind, page_id, sender_id, timestamp, json, attempts
            FROM messenger_inbox WHERE state = 'pending' {(conversationId is null ? "" : "AND sender_id || '-' || page_id = $conversation")}
            ORDER BY timestamp, seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
        if (conversationId is not null)
        {
            command.Parameters.AddWithValue("$conversation", conversationId);
        }
        using var reader = command.ExecuteReader();
        var items = new List<InboxItem>();
        while (reader.Read())
        {
            var item = new MessengerEvent(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetString(6));
            items.Add(new InboxItem(reader.GetInt64(0), item, reader.GetInt32(7)));
        }
        return Task.FromResult<IReadOnlyList<InboxItem>>(items);
    }

    public Task MarkDoneAsync(long seq, CancellationToken cancellationToken)
    {
        Update("UPDATE messenger_inbox SET state = 'done', done_at = $value WHERE seq = $seq", seq, BotDatabase.Timestamp(_clock.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task<bool> MarkFailedAsync(long seq, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE messenger_inbox SET attempts = attempts + 1 WHERE seq = $seq;
            UPDATE messenger_inbox SET state = 'failed', done_at = $now WHERE seq = $seq AND attempts >= $max;
            """;
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$now", BotDatabase.Timestamp(_clock.GetUtcNow()));
        command.Parameters.AddWithValue("$max", MessengerInboxRules.MaxAttempts);
        command.ExecuteNonQuery();
        return Task.FromResult(State(connection, seq) == "failed");
    }

    public Task<DateTimeOffset?> LastResidentMessageAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_message_ms FROM messenger_residents WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        return Task.FromResult<DateTimeOffset?>(command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static string? State(SqliteConnection connection, long seq)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM messenger_inbox WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", seq);
        return command.ExecuteScalar() as string;
    }

    private void Update(string sql, long seq, object value)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

}
