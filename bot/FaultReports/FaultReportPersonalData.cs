using Bot.Privacy;
using Bot.Storage;
using Dialogs.FaultReports;
using Dialogs.Privacy;

namespace Bot.FaultReports;

/// <summary>
/// Fault reports are the city's records of a broken streetlight or a pothole, so the report stays;
/// what identifies the resident goes: contact details, the photo, the link to the conversation, and
/// personal data in the description. Retention only touches reports that are closed.
/// </summary>
internal sealed class FaultReportPersonalData : IPersonalDataStore
{
    private readonly BotDatabase database;

    /// <summary>Takes the store so that its tables exist before the retention job's first run.</summary>
    public FaultReportPersonalData(BotDatabase database, IFaultReportRecords store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.database = database;
    }

    public string Name => "faultReports";

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var closed = string.Join(", ", new[] { FaultReportStatuses.Done, FaultReportStatuses.Rejected, FaultReportStatuses.Referred }.Select(s => $"'{s}'"));
        return Task.FromResult(Anonymize(
            $"conversation_id <> '' AND status IN ({closed}) AND updated_at < $cutoff",
            ("$cutoff", BotDatabase.Timestamp(cutoff))));
    }

    public Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Anonymize("conversation_id = $conversation", ("$conversation", conversationId)));

    public Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT reference, category, location, description, photo_url, contact, status, created_at FROM fault_reports WHERE conversation_id = $conversation ORDER BY created_at";
        select.Parameters.AddWithValue("$conversation", conversationId);
        using var reader = select.ExecuteReader();
        var reports = new List<object>();
        while (reader.Read())
        {
            reports.Add(new
            {
                reference = reader.GetString(0),
                category = reader.GetString(1),
                location = reader.GetString(2),
                description = reader.GetString(3),
                photoUrl = reader.IsDBNull(4) ? null : reader.GetString(4),
                contact = reader.IsDBNull(5) ? null : reader.GetString(5),
                status = reader.GetString(6),
                createdAt = reader.GetString(7),
            });
        }
        return Task.FromResult<object?>(reports.Count == 0 ? null : reports);
    }

    private int Anonymize(string where, (string Name, string Value) parameter)
    {
        using var connection = database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        var rows = new List<(string Reference, string Description)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT reference, description FROM fault_reports WHERE {where}";
            select.Parameters.AddWithValue(parameter.Name, parameter.Value);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (reference, description) in rows)
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE fault_reports SET contact = NULL, photo_url = NULL, conversation_id = '', description = $description WHERE reference = $reference";
            update.Parameters.AddWithValue("$description", PersonalData.MaskAll(description));
            update.Parameters.AddWithValue("$reference", reference);
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return rows.Count;
    }
}
