using System.Globalization;
using Dialogs.Protocol;
using Microsoft.Data.Sqlite;

namespace Bot.Storage;

internal sealed class SqliteConversationStore(BotDatabase database) : IConversationStore
{
    public Task CreateAsync(string conversationId, string userId, string channel, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO conversations (id, user_id, channel, created_at) VALUES ($id, $user, $channel, $now)";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$now", BotDatabase.Timestamp(DateTimeOffset.UtcNow));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_id, channel, created_at, started, next_seq FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        using var reader = command.ExecuteReader();
        ConversationRecord? record = reader.Read()
            ? new ConversationRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture), reader.GetInt64(4) != 0, reader.GetInt32(5))
            : null;
        return Task.FromResult(record);
    }

    public Task<bool> MarkStartedAsync(string conversationId, PendingTurn? start, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE conversations SET started = 1 WHERE id = $id AND started = 0";
        command.Parameters.AddWithValue("$id", conversationId);
        var started = command.ExecuteNonQuery() == 1;
        if (started && start is not null)
        {
            InsertPending(connection, transaction, start);
        }
        transaction.Commit();
        return Task.FromResult(started);
    }

    public Task<StoredActivity> AppendAsync(string conversationId, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var transaction = connection.BeginTransaction(deferred: false);
        var stored = Append(connection, transaction, conversationId, null, build);
        transaction.Commit();
        return Task.FromResult(stored);
    }

    public Task<ReceivedActivity> ReceiveAsync(string conversationId, string? dedupeKey, string? turnChannel, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (dedupeKey is not null && Existing(connection, transaction, conversationId, dedupeKey) is { } earlier)
        {
            var pending = IsPending(connection, transaction, conversationId, earlier.Activity.Id!);
            transaction.Commit();
            return Task.FromResult(new ReceivedActivity(earlier, Duplicate: true, pending));
        }
        var stored = Append(connection, transaction, conversationId, dedupeKey, build);
        if (turnChannel is not null)
        {
            InsertPending(connection, transaction, new PendingTurn(conversationId, stored.Activity.Id!, turnChannel, stored.Sequence, null, DateTimeOffset.UtcNow));
        }
        transaction.Commit();
        return Task.FromResult(new ReceivedActivity(stored, Duplicate: false, TurnPending: turnChannel is not null));
    }

    public Task<IReadOnlyList<StoredActivity>> GetActivitiesAsync(string conversationId, int fromSequence, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, json FROM activities WHERE conversation_id = $id AND seq >= $from ORDER BY seq";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$from", fromSequence);
        using var reader = command.ExecuteReader();
        var activities = new List<StoredActivity>();
        while (reader.Read())
        {
            if (ActivityJson.Deserialize(reader.GetString(1)) is { } activity)
            {
                activities.Add(new StoredActivity(reader.GetInt32(0), activity));
            }
        }
        return Task.FromResult<IReadOnlyList<StoredActivity>>(activities);
    }

    public Task<bool> AddPendingTurnAsync(PendingTurn turn, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        var added = InsertPending(connection, transaction, turn);
        transaction.Commit();
        return Task.FromResult(added);
    }

    public Task CompleteTurnAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM pending_turns WHERE conversation_id = $id AND activity_id = $activity";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$activity", activityId);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<bool> IsTurnPendingAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        return Task.FromResult(IsPending(connection, null, conversationId, activityId));
    }

    public Task<IReadOnlyList<PendingTurn>> PendingTurnsAsync(DateTimeOffset acceptedBefore, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT conversation_id, activity_id, channel, seq, activity_json, created_at, attempts FROM pending_turns
            WHERE created_at < $before ORDER BY created_at LIMIT $limit
            """;
        command.Parameters.AddWithValue("$before", BotDatabase.Timestamp(acceptedBefore));
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var turns = new List<PendingTurn>();
        while (reader.Read())
        {
            turns.Add(new PendingTurn(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : ActivityJson.Deserialize(reader.GetString(4)),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), reader.GetInt32(6)));
        }
        return Task.FromResult<IReadOnlyList<PendingTurn>>(turns);
    }

    public Task<int> CountReplayAttemptAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE pending_turns SET attempts = attempts + 1 WHERE conversation_id = $id AND activity_id = $activity RETURNING attempts";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$activity", activityId);
        return Task.FromResult(command.ExecuteScalar() is long attempts ? (int)attempts : 0);
    }

    public Task<IReadOnlyList<string>> ConversationsOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id FROM conversations WHERE user_id = $user UNION SELECT conversation_id FROM cases WHERE user_id = $user";
        select.Parameters.AddWithValue("$user", userId);
        using var reader = select.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    private static StoredActivity Append(SqliteConnection connection, SqliteTransaction transaction, string conversationId, string? dedupeKey, Func<int, DateTimeOffset, Activity> build)
    {
        int sequence;
        DateTimeOffset? last;
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT next_seq, last_timestamp FROM conversations WHERE id = $id";
            select.Parameters.AddWithValue("$id", conversationId);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException("Unknown conversation.");
            }
            sequence = reader.GetInt32(0);
            last = reader.IsDBNull(1) ? null : DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        }
        var now = DateTimeOffset.UtcNow;
        if (last is { } previous && now <= previous)
        {
            now = previous.AddTicks(TimeSpan.TicksPerMillisecond);
        }
        var activity = build(sequence, now);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO activities (conversation_id, seq, json, dedupe_key) VALUES ($id, $seq, $json, $dedupe);
                UPDATE conversations SET next_seq = $seq + 1, last_timestamp = $ts WHERE id = $id;
                """;
            insert.Parameters.AddWithValue("$id", conversationId);
            insert.Parameters.AddWithValue("$seq", sequence);
            insert.Parameters.AddWithValue("$json", ActivityJson.Serialize(activity));
            insert.Parameters.AddWithValue("$dedupe", (object?)dedupeKey ?? DBNull.Value);
            insert.Parameters.AddWithValue("$ts", BotDatabase.Timestamp(now));
            insert.ExecuteNonQuery();
        }
        return new StoredActivity(sequence, activity);
    }

    private static StoredActivity? Existing(SqliteConnection connection, SqliteTransaction transaction, string conversationId, string dedupeKey)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT seq, json FROM activities WHERE conversation_id = $id AND dedupe_key = $key";
        select.Parameters.AddWithValue("$id", conversationId);
        select.Parameters.AddWithValue("$key", dedupeKey);
        using var reader = select.ExecuteReader();
        return reader.Read() && ActivityJson.Deserialize(reader.GetString(1)) is { } activity ? new StoredActivity(reader.GetInt32(0), activity) : null;
    }

    private static bool IsPending(SqliteConnection connection, SqliteTransaction? transaction, string conversationId, string activityId)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT 1 FROM pending_turns WHERE conversation_id = $id AND activity_id = $activity";
        select.Parameters.AddWithValue("$id", conversationId);
        select.Parameters.AddWithValue("$activity", activityId);
        return select.ExecuteScalar() is not null;
    }

    private static bool InsertPending(SqliteConnection connection, SqliteTransaction transaction, PendingTurn turn)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO pending_turns (conversation_id, activity_id, channel, seq, activity_json, created_at) VALUES ($id, $activity, $channel, $seq, $json, $at)
            ON CONFLICT DO NOTHING
            """;
        insert.Parameters.AddWithValue("$id", turn.ConversationId);
        insert.Parameters.AddWithValue("$activity", turn.ActivityId);
        insert.Parameters.AddWithValue("$channel", turn.Channel);
        insert.Parameters.AddWithValue("$seq", (object?)turn.Sequence ?? DBNull.Value);
        insert.Parameters.AddWithValue("$json", turn.Activity is null ? DBNull.Value : ActivityJson.Serialize(turn.Activity));
        insert.Parameters.AddWithValue("$at", BotDatabase.Timestamp(turn.AcceptedAt));
        return insert.ExecuteNonQuery() == 1;
    }
}
