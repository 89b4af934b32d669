using System.Text.Json;
using Dialogs.Engine;
using Dialogs.Protocol;

namespace Bot.Storage.Postgres;

/// <summary>Conversation state (the bot's memory of a conversation) in PostgreSQL.</summary>
internal sealed class PostgresConversationStateStore(PostgresDatabase database) : IConversationStateStore
{
    public async Task<ConversationState?> LoadAsync(string conversationId, CancellationToken cancellationToken) =>
        await database.ScalarAsync<string>("SELECT json FROM conversation_state WHERE conversation_id = $1", cancellationToken, conversationId) is { } json
            ? JsonSerializer.Deserialize<ConversationState>(json, ActivityJson.Options)
            : null;

    public Task SaveAsync(string conversationId, ConversationState state, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO conversation_state (conversation_id, json, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (conversation_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
            """, cancellationToken, conversationId, JsonSerializer.Serialize(state, ActivityJson.Options), DateTimeOffset.UtcNow);

    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM conversation_state WHERE conversation_id = $1", cancellationToken, conversationId);
}
