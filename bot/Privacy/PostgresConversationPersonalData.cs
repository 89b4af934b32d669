using Bot.Storage;
using Bot.Storage.Postgres;
using Bot.Uploads;
using Dialogs.Engine;

namespace Bot.Privacy;

/// <summary>Conversations in PostgreSQL: the activity log (transcript), the bot's state, pending turns and uploaded files.</summary>
internal sealed class PostgresConversationPersonalData(PostgresDatabase database, IConversationStore conversations, IConversationStateStore states, IUploadStore uploads) : IPersonalDataStore
{
    public string Name => "conversation";

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = await database.QueryAsync("SELECT id FROM conversations WHERE COALESCE(last_timestamp, created_at) < $1", r => r.GetString(0), cancellationToken, cutoff);
        var deleted = 0;
        foreach (var id in old)
        {
            deleted += await DeleteAsync(id, cancellationToken);
        }
        // State of conversations that no longer exist (or never had a log) goes by its own age.
        deleted += await database.ExecuteAsync("DELETE FROM conversation_state WHERE updated_at < $1", cancellationToken, cutoff);
        return deleted;
    }

    public Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken) => DeleteAsync(conversationId, cancellationToken);

    public async Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetAsync(conversationId, cancellationToken);
        var state = await states.LoadAsync(conversationId, cancellationToken);
        if (conversation is null && state is null)
        {
            return null;
        }
        var activities = conversation is null ? [] : await conversations.GetActivitiesAsync(conversationId, 0, cancellationToken);
        return new
        {
            conversation?.Id,
            conversation?.UserId,
            conversation?.Channel,
            conversation?.CreatedAt,
            activities = activities.Select(a => a.Activity),
            state,
            uploads = await uploads.ListAsync(conversationId, cancellationToken),
        };
    }

    private async Task<int> DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var sql in new[]
        {
            "DELETE FROM activities WHERE conversation_id = $1",
            "DELETE FROM pending_turns WHERE conversation_id = $1",
            "DELETE FROM conversation_state WHERE conversation_id = $1",
            "DELETE FROM uploads WHERE conversation_id = $1",
            "DELETE FROM conversations WHERE id = $1",
        })
        {
            await using var delete = PostgresDatabase.Command(connection, sql, conversationId);
            deleted += await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
