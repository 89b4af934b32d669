using Bot.Storage.Postgres;

namespace Bot.Channels.Messenger;

/// <summary>
/// The Messenger inbox in PostgreSQL, shared by every instance: whichever instance acknowledged an
/// event, any instance's worker can process it (one at a time per conversation, see <see cref="MessengerWorker"/>).
/// </summary>
internal sealed class PostgresMessengerInbox : IMessengerInbox
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxEventAge;

    public PostgresMessengerInbox(PostgresDatabase database, TimeProvider clock, Privacy.PrivacyOptions privacy)
    {
        _database = database;
        _clock = clock;
        _maxEventAge = MessengerInboxRules.MaxEventAge(privacy);
        database.Execute("DELETE FROM messenger_inbox WHERE state <> 'pending' AND done_at < $1", clock.GetUtcNow() - MessengerInboxRules.KeepDone);
    }

    public async Task<int> AddAsync(IReadOnlyList<MessengerEvent> events, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var oldest = (now - _maxEventAge).ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var item in events)
        {
            if (item.Timestamp > 0 && item.Timestamp < oldest)
            {
                continue;
            }
            var timestamp = item.Timestamp > 0 ? item.Timestamp : now.ToUnixTimeMilliseconds();
            await using var insert = PostgresDatabase.Command(connection, """
                INSERT INTO messenger_inbox (event_key, kind, page_id, sender_id, timestamp, json, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_key) DO NOTHING
                """, item.Key, item.Kind, item.PageId, item.SenderId, timestamp, item.Json, now);
            var isNew = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
            added += isNew ? 1 : 0;
            if (isNew && item.FromResident)
            {
                await using var resident = PostgresDatabase.Command(connection, """
                    INSERT INTO messenger_residents (conversation_id, page_id, psid, last_message_ms) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (conversation_id) DO UPDATE SET last_message_ms = GREATEST(messenger_residents.last_message_ms, excluded.last_message_ms)
                    """, item.ConversationId, item.PageId, item.SenderId, timestamp);
                await resident.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<InboxItem>> PendingAsync(int limit, string? conversationId, CancellationToken cancellationToken) =>
        await _database.QueryAsync($"""
            SELECT seq, event_key, kind, page_id, sender_id, timestamp, json, attempts FROM messenger_inbox
            WHERE state = 'pending' {(conversationId is null ? "" : "AND sender_id || '-' || page_id = $2")}
            ORDER BY timestamp, seq LIMIT $1
            """,
            r => new InboxItem(r.GetInt64(0), new MessengerEvent(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6)), r.GetInt32(7)),
            cancellationToken, conversationId is null ? [limit] : [limit, conversationId]);

    public Task MarkDoneAsync(long seq, CancellationToken cancellationToken) =>
        _database.ExecuteAsync("UPDATE messenger_inbox SET state = 'done', done_at = $2 WHERE seq = $1", cancellationToken, seq, _clock.GetUtcNow());

    public async Task<bool> MarkFailedAsync(long seq, CancellationToken cancellationToken) =>
        await _database.ScalarAsync<string>("""
            UPDATE messenger_inbox SET attempts = attempts + 1,
                state = CASE WHEN attempts + 1 >= $2 THEN 'failed' ELSE state END,
                done_at = CASE WHEN attempts + 1 >= $2 THEN $3 ELSE done_at END
            WHERE seq = $1 RETURNING state
            """, cancellationToken, seq, MessengerInboxRules.MaxAttempts, _clock.GetUtcNow()) == "failed";

    public async Task<DateTimeOffset?> LastResidentMessageAsync(string conversationId, CancellationToken cancellationToken) =>
        await _database.ScalarAsync<long?>("SELECT last_message_ms FROM messenger_residents WHERE conversation_id = $1", cancellationToken, conversationId) is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
