using System.Globalization;
using Bot.Storage;
using Bot.Uploads;
using Dialogs.Engine;

namespace Bot.Privacy;

/// <summary>Direct Line conversations: the activity log (transcript), the bot's state and uploaded files.</summary>
internal sealed class ConversationPersonalData(BotDatabase database, IConversationStore conversations, IConversationStateStore states, IUploadStore uploads) : IPersonalDataStore
{
    public string Name => "conversation";

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = new List<string>();
        using (var connection = database.Open())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id, COALESCE(last_timestamp, created_at) FROM conversations";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                if (DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) < cutoff)
                {
                    old.Add(reader.GetString(0));
                }
            }
        }
        var deleted = 0;
        foreach (var id in old)
        {
            deleted += await DeleteAsync(id, cancellationToken);
        }
        // State of conversations that no longer exist (or never had a log, e.g. other channels) goes by its own age.
        using (var connection = database.OpenWrite())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT conversation_id, updated_at FROM conversation_state";
            var stale = new List<string>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) < cutoff)
                    {
                        stale.Add(reader.GetString(0));
                    }
                }
            }
            foreach (var id in stale)
            {
                using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM conversation_state WHERE conversation_id = $id";
                delete.Parameters.AddWithValue("$id", id);
                deleted += delete.ExecuteNonQuery();
            }
        }
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
        int deleted;
        using (var connection = database.OpenWrite())
        using (var transaction = connection.BeginTransaction())
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = """
                DELETE FROM activities WHERE conversation_id = $id;
                DELETE FROM pending_turns WHERE conversation_id = $id;
                DELETE FROM conversation_state WHERE conversation_id = $id;
                DELETE FROM conversations WHERE id = $id;
                """;
            delete.Parameters.AddWithValue("$id", conversationId);
            deleted = delete.ExecuteNonQuery();
            transaction.Commit();
        }
        return deleted + await uploads.DeleteConversationAsync(conversationId, cancellationToken);
    }
}
