using System.Text.Json;
using Dialogs.Engine;
using Dialogs.Protocol;

namespace Bot.Storage;

/// <summary>Conversation state (the bot's memory of a conversation) in SQLite.</summary>
internal sealed class SqliteConversationStateStore(BotDatabase database) : IConversationStateStore
{
    public Task<ConversationState?> LoadAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM conversation_state WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        var json = command.ExecuteScalar() as string;
        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize<ConversationState>(json, ActivityJson.Options));
    }

    public Task SaveAsync(string conversationId, ConversationState state, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_state (conversation_id, json, updated_at) VALUES ($id, $json, $now)
            ON CONFLICT (conversation_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(state, ActivityJson.Options));
        command.Parameters.AddWithValue("$now", BotDatabase.Timestamp(DateTimeOffset.UtcNow));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM conversation_state WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}
