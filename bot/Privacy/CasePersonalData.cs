using System.Globalization;
using Bot.Handoff;
using Bot.Storage;

namespace Bot.Privacy;

/// <summary>Handoff cases (summary, details, notes) and their event log.</summary>
internal sealed class CasePersonalData(BotDatabase database, ICaseStore cases) : IPersonalDataStore
{
    public string Name => "cases";

    /// <summary>A case goes when its last change (creation, close or latest event) is older than the cutoff.</summary>
    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = new List<string>();
        using (var connection = database.Open())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT c.id, c.created_at, c.closed_at, (SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id) FROM cases c";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var last = Enumerable.Range(1, 3)
                    .Where(i => !reader.IsDBNull(i))
                    .Select(i => DateTimeOffset.Parse(reader.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
                    .Max();
                if (last < cutoff)
                {
                    old.Add(reader.GetString(0));
                }
            }
        }
        return Task.FromResult(Delete("id", old));
    }

    public Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        using (var connection = database.Open())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id FROM cases WHERE conversation_id = $id";
            select.Parameters.AddWithValue("$id", conversationId);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }
        return Task.FromResult(Delete("id", ids));
    }

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

    private int Delete(string column, IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        using var connection = database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        foreach (var id in ids)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM case_events WHERE case_id = $id; DELETE FROM cases WHERE {column} = $id;";
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
        }
        transaction.Commit();
        return ids.Count;
    }
}
