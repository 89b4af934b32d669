using Bot.Privacy;
using Bot.Storage;

namespace Bot.Channels.Messenger;

/// <summary>
/// The raw webhook events in the Messenger inbox (they hold the resident's words) and the time of
/// each resident's last message. Events still waiting to be processed are never deleted.
/// </summary>
internal sealed class MessengerPersonalData : IPersonalDataStore
{
    private readonly BotDatabase database;

    /// <summary>Takes the inbox so that its tables exist before the retention job's first run.</summary>
    public MessengerPersonalData(BotDatabase database, IMessengerInbox inbox)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        this.database = database;
    }

    public string Name => "messenger";

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var events = connection.CreateCommand();
        events.CommandText = "DELETE FROM messenger_inbox WHERE state <> 'pending' AND received_at < $cutoff";
        events.Parameters.AddWithValue("$cutoff", BotDatabase.Timestamp(cutoff));
        using var residents = connection.CreateCommand();
        residents.CommandText = "DELETE FROM messenger_residents WHERE last_message_ms < $cutoff";
        residents.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return Task.FromResult(events.ExecuteNonQuery() + residents.ExecuteNonQuery());
    }

    public Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var events = connection.CreateCommand();
        events.CommandText = $"DELETE FROM messenger_inbox WHERE state <> 'pending' AND {SameResident}";
        events.Parameters.AddWithValue("$conversation", conversationId);
        using var residents = connection.CreateCommand();
        residents.CommandText = "DELETE FROM messenger_residents WHERE conversation_id = $conversation";
        residents.Parameters.AddWithValue("$conversation", conversationId);
        return Task.FromResult(events.ExecuteNonQuery() + residents.ExecuteNonQuery());
    }

    public Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT received_at, kind, json FROM messenger_inbox WHERE {SameResident} ORDER BY seq";
        select.Parameters.AddWithValue("$conversation", conversationId);
        using var reader = select.ExecuteReader();
        var events = new List<object>();
        while (reader.Read())
        {
            events.Add(new { receivedAt = reader.GetString(0), kind = reader.GetString(1), webhookEvent = reader.GetString(2) });
        }
        return Task.FromResult<object?>(events.Count == 0 ? null : events);
    }

    // A Messenger conversation is one resident (PSID) on one page: "{psid}-{pageId}".
    private const string SameResident = "sender_id || '-' || page_id = $conversation";
}
