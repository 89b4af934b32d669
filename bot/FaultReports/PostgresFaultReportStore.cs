using Bot.Storage.Postgres;
using Dialogs.FaultReports;
using Npgsql;

namespace Bot.FaultReports;

/// <summary>
/// Fault reports in PostgreSQL. The year's counter row is incremented and the report inserted in one
/// transaction, so references stay unique and follow each other whichever instance files the report.
/// With the webhook on, the same transaction writes its delivery to the outbox (<see cref="PostgresWebhookOutbox"/>).
/// </summary>
internal sealed class PostgresFaultReportStore(PostgresDatabase database, FaultReportWebhookOptions? webhook = null) : IFaultReportRecords
{
    private readonly bool _webhook = webhook?.Enabled == true;
    private const string Columns = "reference, category, location, description, photo_url, contact, status, status_comment, language, conversation_id, channel, created_at, updated_at, access_code";
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public async Task<FaultReport> CreateAsync(NewFaultReport report, CancellationToken cancellationToken)
    {
        var year = TimeZoneInfo.ConvertTime(report.CreatedAt, Stockholm).Year;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long number;
        await using (var next = PostgresDatabase.Command(connection, """
            INSERT INTO sequences (name, last) VALUES ($1, 1)
            ON CONFLICT (name) DO UPDATE SET last = sequences.last + 1 RETURNING last
            """, $"fault-report-{year}"))
        {
            number = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        }
        var stored = report.Stored(year, number);
        await using (var insert = PostgresDatabase.Command(connection,
            $"INSERT INTO fault_reports ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10, $11, $11, $12)",
            stored.Reference, stored.Category, stored.Location, stored.Description, stored.PhotoUrl, stored.Contact, stored.Status,
            stored.Language, stored.ConversationId, stored.Channel, stored.CreatedAt, stored.AccessCode))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await AddEventAsync(connection, stored.Reference, stored.CreatedAt, stored.Status, null, null, cancellationToken);
        if (_webhook)
        {
            await PostgresWebhookOutbox.AddAsync(connection, stored.Reference, stored.Status, stored.CreatedAt, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return stored with { History = [new FaultReportStatusChange(stored.CreatedAt, stored.Status, null, null)] };
    }

    public async Task<FaultReport?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var report = (await PostgresDatabase.QueryAsync(connection, $"SELECT {Columns} FROM fault_reports WHERE reference = $1", Read, cancellationToken, reference)).FirstOrDefault();
        if (report is null)
        {
            return null;
        }
        var history = await PostgresDatabase.QueryAsync(connection, "SELECT at, status, comment, actor FROM fault_report_events WHERE reference = $1 ORDER BY at, id",
            r => new FaultReportStatusChange(PostgresDatabase.Time(r, 0), r.GetString(1), PostgresDatabase.Text(r, 2), PostgresDatabase.Text(r, 3)), cancellationToken, reference);
        return report with { History = history };
    }

    public async Task<IReadOnlyList<FaultReport>> ListAsync(string? status, CancellationToken cancellationToken) =>
        status is null
            ? await database.QueryAsync($"SELECT {Columns} FROM fault_reports ORDER BY created_at DESC, reference DESC", Read, cancellationToken)
            : await database.QueryAsync($"SELECT {Columns} FROM fault_reports WHERE status = $1 ORDER BY created_at DESC, reference DESC", Read, cancellationToken, status);

    public async Task<FaultReport?> SetStatusAsync(string reference, string status, string? comment, string? by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var update = PostgresDatabase.Command(connection, "UPDATE fault_reports SET status = $1, status_comment = $2, updated_at = $3 WHERE reference = $4",
                status, comment, at, reference);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
            await AddEventAsync(connection, reference, at, status, comment, by, cancellationToken);
            if (_webhook)
            {
                await PostgresWebhookOutbox.AddAsync(connection, reference, status, at, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return await GetAsync(reference, cancellationToken);
    }

    private static async Task AddEventAsync(NpgsqlConnection connection, string reference, DateTimeOffset at, string status, string? comment, string? by, CancellationToken cancellationToken)
    {
        await using var insert = PostgresDatabase.Command(connection, "INSERT INTO fault_report_events (reference, at, status, comment, actor) VALUES ($1, $2, $3, $4, $5)",
            reference, at, status, comment, by);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static FaultReport Read(NpgsqlDataReader reader) => new()
    {
        Reference = reader.GetString(0),
        Category = reader.GetString(1),
        Location = reader.GetString(2),
        Description = reader.GetString(3),
        PhotoUrl = PostgresDatabase.Text(reader, 4),
        Contact = PostgresDatabase.Text(reader, 5),
        Status = reader.GetString(6),
        StatusComment = PostgresDatabase.Text(reader, 7),
        Language = reader.GetString(8),
        ConversationId = reader.GetString(9),
        Channel = reader.GetString(10),
        CreatedAt = PostgresDatabase.Time(reader, 11),
        UpdatedAt = PostgresDatabase.Time(reader, 12),
        AccessCode = PostgresDatabase.Text(reader, 13),
    };
}
