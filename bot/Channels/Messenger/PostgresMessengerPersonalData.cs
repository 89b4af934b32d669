using Bot.Privacy;
using Bot.Storage.Postgres;

namespace Bot.Channels.Messenger;

/// <summary>The raw webhook events and residents' last-message times in PostgreSQL; events still waiting to be processed are never deleted.</summary>
internal sealed class PostgresMessengerPersonalData(PostgresDatabase database) : IPersonalDataStore
{
    // A Messenger conversation is one resident (PSID) on one page: "{psid}-{pageId}".
    private const string SameResident = "sender_id || '-' || page_id = $1";

    public string Name => "messenger";

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM messenger_inbox WHERE state <> 'pending' AND received_at < $1", cancellationToken, cutoff)
        + await database.ExecuteAsync("DELETE FROM messenger_residents WHERE last_message_ms < $1", cancellationToken, cutoff.ToUnixTimeMilliseconds());

    public async Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync($"DELETE FROM messenger_inbox WHERE state <> 'pending' AND {SameResident}", cancellationToken, conversationId)
        + await database.ExecuteAsync("DELETE FROM messenger_residents WHERE conversation_id = $1", cancellationToken, conversationId);

    public async Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var events = await database.QueryAsync($"SELECT received_at, kind, json FROM messenger_inbox WHERE {SameResident} ORDER BY seq",
            r => (object)new { receivedAt = PostgresDatabase.Time(r, 0), kind = r.GetString(1), webhookEvent = r.GetString(2) }, cancellationToken, conversationId);
        return events.Count == 0 ? null : events;
    }
}
