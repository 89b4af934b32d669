using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Bot.Storage;
using Dialogs.Alerts;

namespace Bot.Alerts;

/// <summary>
/// Crisis alerts in SQLite (own table), with the current list kept in memory because every answer
/// looks at it. An alert stops counting at its expiry by the injected clock; nothing has to delete it.
/// </summary>
internal sealed class SqliteAlertStore : IAlertStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private List<CrisisAlert> _alerts;

    public SqliteAlertStore(BotDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS crisis_alerts (
                id TEXT PRIMARY KEY,
                text TEXT NOT NULL,
                topics_json TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                created_by TEXT NULL
            );
            """);
        // Added later: the alert's English text for the English widget (databases made before get the column).
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('crisis_alerts') WHERE name = 'text_en'";
            if (Convert.ToInt32(columns.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                BotDatabase.Execute(connection, "ALTER TABLE crisis_alerts ADD COLUMN text_en TEXT NULL");
            }
        }
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, text, topics_json, created_at, expires_at, created_by, text_en FROM crisis_alerts ORDER BY created_at";
        using var reader = command.ExecuteReader();
        _alerts = [];
        while (reader.Read())
        {
            _alerts.Add(new CrisisAlert(reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<List<string>>(reader.GetString(2)) ?? [],
                Parse(reader.GetString(3)), Parse(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
    }

    public Task<IReadOnlyList<CrisisAlert>> ActiveAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CrisisAlert>>(_alerts.Where(a => a.ExpiresAt > now).ToList());
        }
    }

    public Task<CrisisAlert> AddAsync(string text, IReadOnlyList<string> topics, DateTimeOffset expiresAt, string? createdBy, CancellationToken cancellationToken, string? textEn = null)
    {
        var alert = new CrisisAlert("A-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(), text, topics, _clock.GetUtcNow(), expiresAt, createdBy, textEn);
        using (var connection = _database.OpenWrite())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO crisis_alerts (id, text, topics_json, created_at, expires_at, created_by, text_en) VALUES ($id, $text, $topics, $created, $expires, $by, $textEn)";
            command.Parameters.AddWithValue("$textEn", (object?)textEn ?? DBNull.Value);
            command.Parameters.AddWithValue("$id", alert.Id);
            command.Parameters.AddWithValue("$text", alert.Text);
            command.Parameters.AddWithValue("$topics", JsonSerializer.Serialize(alert.Topics));
            command.Parameters.AddWithValue("$created", BotDatabase.Timestamp(alert.CreatedAt));
            command.Parameters.AddWithValue("$expires", BotDatabase.Timestamp(alert.ExpiresAt));
            command.Parameters.AddWithValue("$by", (object?)createdBy ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
        lock (_gate)
        {
            _alerts = [.. _alerts, alert];
        }
        return Task.FromResult(alert);
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        int deleted;
        using (var connection = _database.OpenWrite())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM crisis_alerts WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            deleted = command.ExecuteNonQuery();
        }
        lock (_gate)
        {
            _alerts = _alerts.Where(a => a.Id != id).ToList();
        }
        return Task.FromResult(deleted > 0);
    }


    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
