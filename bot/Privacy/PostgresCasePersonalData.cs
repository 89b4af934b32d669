using Bot.Handoff;
using Bot.Storage.Postgres;

namespace Bot.Privacy;

/// <summary>Handoff cases (summary, details, notes) and their event log in PostgreSQL.</summary>
internal sealed class PostgresCasePersonalData(PostgresDatabase database, ICaseStore cases) : IPersonalDataStore
{
    public string Name => "cases";

    /// <summary>A case goes when its last change (creation, close or latest event) is older than the cutoff.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = await database.QueryAsync("""
            SELECT c.id FROM cases c
            WHERE GREATEST(c.created_at, COALESCE(c.closed_at, c.created_at), COALESCE((SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id), c.created_at)) < $1
            """, r => r.GetString(0), cancellationToken, cutoff);
        return await DeleteAsync(old, cancellationToken);
    }

    public async Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        await DeleteAsync(await database.QueryAsync("SELECT id FROM cases WHERE conversation_id = $1", r => r.GetString(0), cancellationToken, conversationId), cancellationToken);

    public async Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var list = (await cases.ListAsync(null, cancellationToken)).Where(c => c.ConversationId == conversationId).ToList();
        if (list.Count == 0)
        {
            return null;
        }
        var export = new List<object>();
        foreach (var item in list)
        {
            export.Add(new { item.Id, item.Status, item.Group, item.Language, item.Topic, item.CreatedAt, item.ClaimedBy, item.ClaimedAt, item.ClosedAt, item.Resolution, item.Rating, item.Summary, events = await cases.EventsAsync(item.Id, cancellationToken) });
        }
        return export;
    }

    private async Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var events = PostgresDatabase.Command(connection, "DELETE FROM case_events WHERE case_id = ANY($1)", ids.ToArray()))
        {
            await events.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var rows = PostgresDatabase.Command(connection, "DELETE FROM cases WHERE id = ANY($1)", ids.ToArray()))
        {
            await rows.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
