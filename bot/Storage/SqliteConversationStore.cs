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

    public Task<bool> MarkStartedAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE conversations SET started = 1 WHERE id = $id AND started = 0";
        command.Parameters.AddWithValue("$id", conversationId);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<StoredActivity> AppendAsync(string conversationId, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var transaction = connection.BeginTransaction(deferred: false);
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
                INSERT INTO activities (conversation_id, seq, json) VALUES ($id, $seq, $json);
                UPDATE conversations SET next_seq = $seq + 1, last_timestamp = $ts WHERE id = $id;
                """;
            insert.Parameters.AddWithValue("$id", conversationId);
            insert.Parameters.AddWithValue("$seq", sequence);
            insert.Parameters.AddWithValue("$json", ActivityJson.Serialize(activity));
            insert.Parameters.AddWithValue("$ts", BotDatabase.Timestamp(now));
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.FromResult(new StoredActivity(sequence, activity));
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
}
