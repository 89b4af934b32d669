using System.Text.Json;
using Bot.Storage.Postgres;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary>Connector conversations in PostgreSQL, so a guide's reply through any instance reaches the channel.</summary>
internal sealed class PostgresConnectorConversations(PostgresDatabase database) : IConnectorConversations
{
    public Task SaveAsync(ConnectorConversation conversation, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO connector_conversations (id, service_url, channel_id, conversation_json, bot_json, user_json, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET service_url = $2, conversation_json = $4, bot_json = $5, user_json = $6, updated_at = $7
            """, cancellationToken, conversation.Id, conversation.ServiceUrl, conversation.ChannelId,
            JsonSerializer.Serialize(conversation.Conversation, ActivityJson.Options), JsonSerializer.Serialize(conversation.Bot, ActivityJson.Options),
            JsonSerializer.Serialize(conversation.User, ActivityJson.Options), DateTimeOffset.UtcNow);

    public async Task<ConnectorConversation?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT service_url, channel_id, conversation_json, bot_json, user_json FROM connector_conversations WHERE id = $1",
            r => new ConnectorConversation(id, r.GetString(0), r.GetString(1),
                JsonSerializer.Deserialize<ConversationAccount>(r.GetString(2), ActivityJson.Options)!,
                JsonSerializer.Deserialize<ChannelAccount>(r.GetString(3), ActivityJson.Options)!,
                JsonSerializer.Deserialize<ChannelAccount>(r.GetString(4), ActivityJson.Options)!), cancellationToken, id)).FirstOrDefault();
}
