using Dialogs.Protocol;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// Conversations, activity logs and pending turns in PostgreSQL. A position is taken by updating
/// the conversation's row, which holds that row until the activity is committed, so positions stay
/// gap-free and in order when several instances append to one conversation.
/// </summary>
internal sealed class PostgresConversationStore(PostgresDatabase database) : IConversationStore
{
    public Task CreateAsync(string conversationId, string userId, string channel, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO conversations (id, user_id, channel, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            cancellationToken, conversationId, userId, channel, DateTimeOffset.UtcNow);

    public async Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT id, user_id, channel, created_at, started, next_seq FROM conversations WHERE id = $1",
            r => new ConversationRecord(r.GetString(0), r.GetString(1), r.GetString(2), PostgresDatabase.Time(r, 3), r.GetBoolean(4), r.GetInt32(5)),
            cancellationToken, conversationId)).FirstOrDefault();

    public async Task<bool> MarkStartedAsync(string conversationId, PendingTurn? start, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        bool started;
        await using (var update = PostgresDatabase.Command(connection, "UPDATE conversations SET started = true WHERE id = $1 AND NOT started", conversationId))
        {
            started = await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        if (started && start is not null)
        {
            await InsertPendingAsync(connection, start, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return started;
    }

    public async Task<StoredActivity> AppendAsync(string conversationId, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await AppendAsync(connection, conversationId, null, build, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<ReceivedActivity> ReceiveAsync(string conversationId, string? dedupeKey, string? turnChannel, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (dedupeKey is not null)
        {
            // Lock the conversation first, so that two instances receiving the same retry do not both store it.
            await using (var lockRow = PostgresDatabase.Command(connection, "SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE", conversationId))
            {
                await lockRow.ExecuteNonQueryAsync(cancellationToken);
            }
            var earlier = (await PostgresDatabase.QueryAsync(connection, "SELECT seq, json FROM activities WHERE conversation_id = $1 AND dedupe_key = $2",
                r => (Sequence: r.GetInt32(0), Json: r.GetString(1)), cancellationToken, conversationId, dedupeKey)).FirstOrDefault();
            if (earlier.Json is not null && ActivityJson.Deserialize(earlier.Json) is { } activity)
            {
                var pending = await IsPendingAsync(connection, conversationId, activity.Id!, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new ReceivedActivity(new StoredActivity(earlier.Sequence, activity), Duplicate: true, pending);
            }
        }
        var stored = await AppendAsync(connection, conversationId, dedupeKey, build, cancellationToken);
        if (turnChannel is not null)
        {
            await InsertPendingAsync(connection, new PendingTurn(conversationId, stored.Activity.Id!, turnChannel, stored.Sequence, null, DateTimeOffset.UtcNow), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ReceivedActivity(stored, Duplicate: false, TurnPending: turnChannel is not null);
    }

    public async Task<IReadOnlyList<StoredActivity>> GetActivitiesAsync(string conversationId, int fromSequence, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT seq, json FROM activities WHERE conversation_id = $1 AND seq >= $2 ORDER BY seq",
            r => (Sequence: r.GetInt32(0), Json: r.GetString(1)), cancellationToken, conversationId, fromSequence);
        return rows.Select(r => ActivityJson.Deserialize(r.Json) is { } activity ? new StoredActivity(r.Sequence, activity) : null)
            .OfType<StoredActivity>().ToList();
    }

    public async Task<bool> AddPendingTurnAsync(PendingTurn turn, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertPendingAsync(connection, turn, cancellationToken);
    }

    public Task CompleteTurnAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM pending_turns WHERE conversation_id = $1 AND activity_id = $2", cancellationToken, conversationId, activityId);

    public async Task<bool> IsTurnPendingAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await IsPendingAsync(connection, conversationId, activityId, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingTurn>> PendingTurnsAsync(DateTimeOffset acceptedBefore, int limit, CancellationToken cancellationToken) =>
        await database.QueryAsync("""
            SELECT conversation_id, activity_id, channel, seq, activity_json, created_at, attempts FROM pending_turns
            WHERE created_at < $1 ORDER BY created_at LIMIT $2
            """,
            r => new PendingTurn(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3),
                r.IsDBNull(4) ? null : ActivityJson.Deserialize(r.GetString(4)), PostgresDatabase.Time(r, 5), r.GetInt32(6)),
            cancellationToken, acceptedBefore, limit);

    public async Task<int> CountReplayAttemptAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        await database.ScalarAsync<int?>("UPDATE pending_turns SET attempts = attempts + 1 WHERE conversation_id = $1 AND activity_id = $2 RETURNING attempts",
            cancellationToken, conversationId, activityId) ?? 0;

    public async Task<IReadOnlyList<string>> ConversationsOfUserAsync(string userId, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT id FROM conversations WHERE user_id = $1 UNION SELECT conversation_id FROM cases WHERE user_id = $1",
            r => r.GetString(0), cancellationToken, userId);

    private static async Task<StoredActivity> AppendAsync(NpgsqlConnection connection, string conversationId, string? dedupeKey, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        // The timestamp never goes backwards within a conversation, whichever instance's clock wrote last.
        var position = (await PostgresDatabase.QueryAsync(connection, """
            UPDATE conversations SET next_seq = next_seq + 1,
                last_timestamp = CASE WHEN last_timestamp IS NOT NULL AND $2 <= last_timestamp THEN last_timestamp + interval '1 millisecond' ELSE $2 END
            WHERE id = $1 RETURNING next_seq - 1, last_timestamp
            """, r => (Sequence: r.GetInt32(0), Timestamp: PostgresDatabase.Time(r, 1)), cancellationToken, conversationId, DateTimeOffset.UtcNow)).ToList();
        if (position.Count == 0)
        {
            throw new InvalidOperationException("Unknown conversation.");
        }
        var (sequence, timestamp) = position[0];
        var activity = build(sequence, timestamp);
        await using var insert = PostgresDatabase.Command(connection, "INSERT INTO activities (conversation_id, seq, json, dedupe_key) VALUES ($1, $2, $3, $4)",
            conversationId, sequence, ActivityJson.Serialize(activity), dedupeKey);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return new StoredActivity(sequence, activity);
    }

    private static async Task<bool> IsPendingAsync(NpgsqlConnection connection, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await using var select = PostgresDatabase.Command(connection, "SELECT 1 FROM pending_turns WHERE conversation_id = $1 AND activity_id = $2", conversationId, activityId);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<bool> InsertPendingAsync(NpgsqlConnection connection, PendingTurn turn, CancellationToken cancellationToken)
    {
        await using var insert = PostgresDatabase.Command(connection, """
            INSERT INTO pending_turns (conversation_id, activity_id, channel, seq, activity_json, created_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO NOTHING
            """, turn.ConversationId, turn.ActivityId, turn.Channel, turn.Sequence, turn.Activity is null ? null : ActivityJson.Serialize(turn.Activity), turn.AcceptedAt);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
