using System.Text.Json;
using Bot.Storage;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary>
/// Where a conversation that came through Azure Bot Service lives: its serviceUrl (taken only from
/// authenticated activities), channel, the channel's conversation, and the bot's and the user's accounts
/// there. Needed to reply later, when a guide answers.
/// </summary>
internal sealed record ConnectorConversation(
    string Id, string ServiceUrl, string ChannelId, ConversationAccount Conversation, ChannelAccount Bot, ChannelAccount User);

/// <summary>Where connector conversations are kept (SQLite or PostgreSQL): the <c>connector_conversations</c> table.</summary>
internal interface IConnectorConversations
{
    Task SaveAsync(ConnectorConversation conversation, CancellationToken cancellationToken);

    Task<ConnectorConversation?> GetAsync(string id, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>connector_conversations</c> table in SQLite. A channel that retries an activity gets it
/// processed once through the activity log's de-duplication (<see cref="Bot.Storage.IConversationStore.ReceiveAsync"/>).
/// </summary>
internal sealed class ConnectorConversations : IConnectorConversations
{
    /// <summary>
    /// Conversations from the connector are stored as <c>abs:{channelId}:{conversationId}</c>, so they
    /// never collide with Direct Line ids (which have no colon); the channel sees its own id.
    /// </summary>
    public const string Prefix = "abs:";

    private readonly BotDatabase _database;

    public ConnectorConversations(BotDatabase database)
    {
        _database = database;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS connector_conversations (
                id TEXT PRIMARY KEY,
                service_url TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                conversation_json TEXT NOT NULL,
                bot_json TEXT NOT NULL,
                user_json TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """);
    }

    public static string StoreId(string channelId, string conversationId) => $"{Prefix}{channelId}:{conversationId}";

    public static bool Owns(string storeId) => storeId.StartsWith(Prefix, StringComparison.Ordinal);

    public Task SaveAsync(ConnectorConversation conversation, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO connector_conversations (id, service_url, channel_id, conversation_json, bot_json, user_json, updated_at)
            VALUES ($id, $url, $channel, $conversation, $bot, $user, $now)
            ON CONFLICT (id) DO UPDATE SET service_url = $url, conversation_json = $conversation, bot_json = $bot, user_json = $user, updated_at = $now
            """;
        command.Parameters.AddWithValue("$id", conversation.Id);
        command.Parameters.AddWithValue("$url", conversation.ServiceUrl);
        command.Parameters.AddWithValue("$channel", conversation.ChannelId);
        command.Parameters.AddWithValue("$conversation", JsonSerializer.Serialize(conversation.Conversation, ActivityJson.Options));
        command.Parameters.AddWithValue("$bot", JsonSerializer.Serialize(conversation.Bot, ActivityJson.Options));
        command.Parameters.AddWithValue("$user", JsonSerializer.Serialize(conversation.User, ActivityJson.Options));
        command.Parameters.AddWithValue("$now", BotDatabase.Timestamp(DateTimeOffset.UtcNow));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<ConnectorConversation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT service_url, channel_id, conversation_json, bot_json, user_json FROM connector_conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        ConnectorConversation? conversation = reader.Read()
            ? new ConnectorConversation(id, reader.GetString(0), reader.GetString(1),
                JsonSerializer.Deserialize<ConversationAccount>(reader.GetString(2), ActivityJson.Options)!,
                JsonSerializer.Deserialize<ChannelAccount>(reader.GetString(3), ActivityJson.Options)!,
                JsonSerializer.Deserialize<ChannelAccount>(reader.GetString(4), ActivityJson.Options)!)
            : null;
        return Task.FromResult(conversation);
    }
}
