using System.Globalization;
using Bot.Storage;
using Dialogs.FaultReports;
using Microsoft.Data.Sqlite;

namespace Bot.FaultReports;

/// <summary>
/// Fault reports in the bot's SQLite database, in tables of their own. The reference number is
/// taken and the report inserted in one transaction, so numbers are unique and follow each other
/// within a year (Stockholm time). With the webhook on, the same transaction writes its delivery
/// to the outbox (<see cref="SqliteWebhookOutbox"/>).
/// </summary>
internal sealed class SqliteFaultReportStore : IFaultReportRecords
{
    private readonly bool _webhook;
    private const string Columns = "reference, category, location, description, photo_url, contact, status, status_comment, language, conversation_id, channel, created_at, updated_at, access_code";
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    private readonly BotDatabase _database;

    public SqliteFaultReportStore(BotDatabase database, FaultReportWebhookOptions? webhook = null)
    {
        _database = database;
        _webhook = webhook?.Enabled == true;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS fault_report_sequences (
                year INTEGER PRIMARY KEY,
                last INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS fault_reports (
                reference TEXT PRIMARY KEY,
                category TEXT NOT NULL,
                location TEXT NOT NULL,
                description TEXT NOT NULL,
                photo_url TEXT NULL,
                contact TEXT NULL,
                status TEXT NOT NULL,
                status_comment TEXT NULL,
                language TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                access_code TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS fault_reports_status ON fault_reports (status, created_at);
            CREATE TABLE IF NOT EXISTS fault_report_events (
                reference TEXT NOT NULL REFERENCES fault_reports (reference),
                at TEXT NOT NULL,
                status TEXT NOT NULL,
                comment TEXT NULL,
                actor TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS fault_report_events_reference ON fault_report_events (reference, at);
            """);
        BotDatabase.Execute(connection, SqliteWebhookOutbox.Table);
        AddAccessCodeColumn(connection);
    }

    /// <summary>Databases from before the receipt's secret code get the column; their reports have no code.</summary>
    private static void AddAccessCodeColumn(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('fault_reports') WHERE name = 'access_code'";
        if (Convert.ToInt64(columns.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            BotDatabase.Execute(connection, "ALTER TABLE fault_reports ADD COLUMN access_code TEXT NULL");
        }
    }

    public Task<FaultReport> CreateAsync(NewFaultReport report, CancellationToken cancellationToken)
    {
        var year = TimeZoneInfo.ConvertTime(report.CreatedAt, Stockholm).Year;
        using var connection = _database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        using var next = connection.CreateCommand();
        next.CommandText = """
            INSERT INTO fault_report_sequences (year, last) VALUES ($year, 1)
            ON CONFLICT (year) DO UPDATE SET last = last + 1
            RETURNING last
            """;
        next.Parameters.AddWithValue("$year", year);
        var number = Convert.ToInt64(next.ExecuteScalar(), CultureInfo.InvariantCulture);
        var stored = report.Stored(year, number);
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO fault_reports ({Columns}) VALUES ($reference, $category, $location, $description, $photo, $contact, $status, NULL, $language, $conversation, $channel, $created, $created, $code)";
        insert.Parameters.AddWithValue("$reference", stored.Reference);
        insert.Parameters.AddWithValue("$category", stored.Category);
        insert.Parameters.AddWithValue("$location", stored.Location);
        insert.Parameters.AddWithValue("$description", stored.Description);
        insert.Parameters.AddWithValue("$photo", (object?)stored.PhotoUrl ?? DBNull.Value);
        insert.Parameters.AddWithValue("$contact", (object?)stored.Contact ?? DBNull.Value);
        insert.Parameters.AddWithValue("$status", stored.Status);
        insert.Parameters.AddWithValue("$language", stored.Language);
        insert.Parameters.AddWithValue("$conversation", stored.ConversationId);
        insert.Parameters.AddWithValue("$channel", stored.Channel);
        insert.Parameters.AddWithValue("$created", BotDatabase.Timestamp(stored.CreatedAt));
        insert.Parameters.AddWithValue("$code", (object?)stored.AccessCode ?? DBNull.Value);
        insert.ExecuteNonQuery();
        AddEvent(connection, stored.Reference, stored.CreatedAt, stored.Status, null, null);
        if (_webhook)
        {
            SqliteWebhookOutbox.Add(connection, stored.Reference, stored.Status, stored.CreatedAt);
        }
        transaction.Commit();
        var history = new FaultReportStatusChange(stored.CreatedAt, stored.Status, null, null);
        return Task.FromResult(stored with { History = [history] });
    }

    public Task<FaultReport?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        var report = Query(connection, "WHERE reference = $p", reference).FirstOrDefault();
        return Task.FromResult(report is null ? null : report with { History = History(connection, report.Reference) });
    }

    public Task<IReadOnlyList<FaultReport>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult<IReadOnlyList<FaultReport>>(status is null
            ? Query(connection, "ORDER BY created_at DESC, reference DESC", null)
            : Query(connection, "WHERE status = $p ORDER BY created_at DESC, reference DESC", status));
    }

    public Task<FaultReport?> SetStatusAsync(string reference, string status, string? comment, string? by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using (var connection = _database.OpenWrite())
        {
            using var transaction = connection.BeginTransaction();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE fault_reports SET status = $status, status_comment = $comment, updated_at = $at WHERE reference = $reference";
            update.Parameters.AddWithValue("$status", status);
            update.Parameters.AddWithValue("$comment", (object?)comment ?? DBNull.Value);
            update.Parameters.AddWithValue("$at", BotDatabase.Timestamp(at));
            update.Parameters.AddWithValue("$reference", reference);
            if (update.ExecuteNonQuery() == 0)
            {
                return Task.FromResult<FaultReport?>(null);
            }
            AddEvent(connection, reference, at, status, comment, by);
            if (_webhook)
            {
                SqliteWebhookOutbox.Add(connection, reference, status, at);
            }
            transaction.Commit();
        }
        return GetAsync(reference, cancellationToken);
    }

    private static void AddEvent(SqliteConnection connection, string reference, DateTimeOffset at, string status, string? comment, string? by)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO fault_report_events (reference, at, status, comment, actor) VALUES ($reference, $at, $status, $comment, $actor)";
        command.Parameters.AddWithValue("$reference", reference);
        command.Parameters.AddWithValue("$at", BotDatabase.Timestamp(at));
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$comment", (object?)comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$actor", (object?)by ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static List<FaultReportStatusChange> History(SqliteConnection connection, string reference)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, status, comment, actor FROM fault_report_events WHERE reference = $reference ORDER BY at, rowid";
        command.Parameters.AddWithValue("$reference", reference);
        using var reader = command.ExecuteReader();
        var history = new List<FaultReportStatusChange>();
        while (reader.Read())
        {
            history.Add(new FaultReportStatusChange(Parse(reader.GetString(0)), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3)));
        }
        return history;
    }

    private static List<FaultReport> Query(SqliteConnection connection, string where, string? parameter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM fault_reports {where}";
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }
        using var reader = command.ExecuteReader();
        var reports = new List<FaultReport>();
        while (reader.Read())
        {
            reports.Add(new FaultReport
            {
                Reference = reader.GetString(0),
                Category = reader.GetString(1),
                Location = reader.GetString(2),
                Description = reader.GetString(3),
                PhotoUrl = Nullable(reader, 4),
                Contact = Nullable(reader, 5),
                Status = reader.GetString(6),
                StatusComment = Nullable(reader, 7),
                Language = reader.GetString(8),
                ConversationId = reader.GetString(9),
                Channel = reader.GetString(10),
                CreatedAt = Parse(reader.GetString(11)),
                UpdatedAt = Parse(reader.GetString(12)),
                AccessCode = Nullable(reader, 13),
            });
        }
        return reports;
    }

    private static string? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);


    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
