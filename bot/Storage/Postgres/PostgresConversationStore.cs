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
        var (position, _) = await BeginAppendAsync(connection, conversationId, null, cancellationToken);
        return await FinishAppendAsync(connection, conversationId, position, null, null, build, cancellationToken);
    }

    /// <summary>Two round trips: the position (and a retry's earlier copy) in one, the activity with its pending turn and the commit in the other.</summary>
    public async Task<ReceivedActivity> ReceiveAsync(string conversationId, string? dedupeKey, string? turnChannel, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (position, earlier) = await BeginAppendAsync(connection, conversationId, dedupeKey, cancellationToken);
        if (earlier is not null)
        {
            // A retry: the position taken for it is given back.
            await PostgresDatabase.RollBackQuietlyAsync(connection);
            return earlier;
        }
        var stored = await FinishAppendAsync(connection, conversationId, position, dedupeKey, turnChannel, build, cancellationToken);
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

    /// <summary>
    /// Committed without waiting for the disk: should the database server itself crash before the
    /// deletion is on disk, the turn is merely pending again, and the replay finds its reply in the log.
    /// </summary>
    public async Task CompleteTurnAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var batch = PostgresDatabase.Batch(connection,
            new Statement("BEGIN"),
            new Statement("SET LOCAL synchronous_commit TO OFF"),
            new Statement("DELETE FROM pending_turns WHERE conversation_id = $1 AND activity_id = $2", conversationId, activityId),
            new Statement("COMMIT"));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await PostgresDatabase.RollBackQuietlyAsync(connection);
            throw;
        }
    }

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

    /// <summary>
    /// Begins the transaction of an append and takes the next position, which holds the conversation's
    /// row until the commit; with <paramref name="dedupeKey"/> also reads an earlier copy of the activity
    /// (after the row is held, so two instances receiving the same retry do not both store it). One round trip.
    /// </summary>
    private static async Task<((int Sequence, DateTimeOffset Timestamp) Position, ReceivedActivity? Earlier)> BeginAppendAsync(
        NpgsqlConnection connection, string conversationId, string? dedupeKey, CancellationToken cancellationToken)
    {
        // The timestamp never goes backwards within a conversation, whichever instance's clock wrote last.
        var statements = new List<Statement>
        {
            new("BEGIN"),
            new("""
                UPDATE conversations SET next_seq = next_seq + 1,
                    last_timestamp = CASE WHEN last_timestamp IS NOT NULL AND $2 <= last_timestamp THEN last_timestamp + interval '1 millisecond' ELSE $2 END
                WHERE id = $1 RETURNING next_seq - 1, last_timestamp
                """, conversationId, DateTimeOffset.UtcNow),
        };
        if (dedupeKey is not null)
        {
            statements.Add(new("""
                SELECT a.seq, a.json, EXISTS (SELECT 1 FROM pending_turns p WHERE p.conversation_id = a.conversation_id AND p.seq = a.seq)
                FROM activities a WHERE a.conversation_id = $1 AND a.dedupe_key = $2
                """, conversationId, dedupeKey));
        }
        try
        {
            await using var batch = PostgresDatabase.Batch(connection, [.. statements]);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            (int, DateTimeOffset)? position = null;
            if (await PostgresDatabase.NextRowsAsync(reader, first: true, cancellationToken) && await reader.ReadAsync(cancellationToken))
            {
                position = (reader.GetInt32(0), PostgresDatabase.Time(reader, 1));
            }
            ReceivedActivity? earlier = null;
            if (dedupeKey is not null && await PostgresDatabase.NextRowsAsync(reader, first: false, cancellationToken) && await reader.ReadAsync(cancellationToken)
                && ActivityJson.Deserialize(reader.GetString(1)) is { } activity)
            {
                earlier = new ReceivedActivity(new StoredActivity(reader.GetInt32(0), activity), Duplicate: true, TurnPending: reader.GetBoolean(2));
            }
            if (position is null)
            {
                throw new InvalidOperationException("Unknown conversation.");
            }
            return (position.Value, earlier);
        }
        catch
        {
            await PostgresDatabase.RollBackQuietlyAsync(connection);
            throw;
        }
    }

    /// <summary>Stores the activity at the position taken, marks its turn pending when <paramref name="turnChannel"/> is given, and commits: one round trip.</summary>
    private static async Task<StoredActivity> FinishAppendAsync(NpgsqlConnection connection, string conversationId, (int Sequence, DateTimeOffset Timestamp) position,
        string? dedupeKey, string? turnChannel, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        try
        {
            var activity = build(position.Sequence, position.Timestamp);
            var statements = new List<Statement>
            {
                new("INSERT INTO activities (conversation_id, seq, json, dedupe_key) VALUES ($1, $2, $3, $4)", conversationId, position.Sequence, ActivityJson.Serialize(activity), dedupeKey),
            };
            if (turnChannel is not null)
            {
                statements.Add(PendingInsert(new PendingTurn(conversationId, activity.Id!, turnChannel, position.Sequence, null, DateTimeOffset.UtcNow)));
            }
            statements.Add(new("COMMIT"));
            await using var batch = PostgresDatabase.Batch(connection, [.. statements]);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return new StoredActivity(position.Sequence, activity);
        }
        catch
        {
            await PostgresDatabase.RollBackQuietlyAsync(connection);
            throw;
        }
    }

    private static async Task<bool> IsPendingAsync(NpgsqlConnection connection, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await using var select = PostgresDatabase.Command(connection, "SELECT 1 FROM pending_turns WHERE conversation_id = $1 AND activity_id = $2", conversationId, activityId);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<bool> InsertPendingAsync(NpgsqlConnection connection, PendingTurn turn, CancellationToken cancellationToken)
    {
        var statement = PendingInsert(turn);
        await using var insert = PostgresDatabase.Command(connection, statement.Sql, statement.Args);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static Statement PendingInsert(PendingTurn turn) => new("""
        INSERT INTO pending_turns (conversation_id, activity_id, channel, seq, activity_json, created_at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT DO NOTHING
        """, turn.ConversationId, turn.ActivityId, turn.Channel, turn.Sequence, turn.Activity is null ? null : ActivityJson.Serialize(turn.Activity), turn.AcceptedAt);
}
