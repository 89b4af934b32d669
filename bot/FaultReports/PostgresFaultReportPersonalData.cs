using Bot.Privacy;
using Bot.Storage.Postgres;
using Dialogs.FaultReports;
using Dialogs.Privacy;

namespace Bot.FaultReports;

/// <summary>
/// Fault reports in PostgreSQL keep the report and lose what identifies the resident, as in
/// <see cref="FaultReportPersonalData"/>; retention only touches closed reports.
/// </summary>
internal sealed class PostgresFaultReportPersonalData(PostgresDatabase database) : IPersonalDataStore
{
    public string Name => "faultReports";

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        AnonymizeAsync("conversation_id <> '' AND status = ANY($1) AND updated_at < $2", cancellationToken,
            new[] { FaultReportStatuses.Done, FaultReportStatuses.Rejected, FaultReportStatuses.Referred }, cutoff);

    public Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        AnonymizeAsync("conversation_id = $1", cancellationToken, conversationId);

    public async Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var reports = await database.QueryAsync(
            "SELECT reference, category, location, description, photo_url, contact, status, created_at FROM fault_reports WHERE conversation_id = $1 ORDER BY created_at",
            r => (object)new
            {
                reference = r.GetString(0),
                category = r.GetString(1),
                location = r.GetString(2),
                description = r.GetString(3),
                photoUrl = PostgresDatabase.Text(r, 4),
                contact = PostgresDatabase.Text(r, 5),
                status = r.GetString(6),
                createdAt = PostgresDatabase.Time(r, 7),
            }, cancellationToken, conversationId);
        return reports.Count == 0 ? null : reports;
    }

    private async Task<int> AnonymizeAsync(string where, CancellationToken cancellationToken, params object?[] args)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await PostgresDatabase.QueryAsync(connection, $"SELECT reference, description FROM fault_reports WHERE {where} FOR UPDATE",
            r => (Reference: r.GetString(0), Description: r.GetString(1)), cancellationToken, args);
        foreach (var (reference, description) in rows)
        {
            await using var update = PostgresDatabase.Command(connection,
                "UPDATE fault_reports SET contact = NULL, photo_url = NULL, conversation_id = '', description = $1 WHERE reference = $2",
                PersonalData.MaskAll(description), reference);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }
}
