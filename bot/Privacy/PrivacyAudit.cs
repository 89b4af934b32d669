using System.Globalization;
using Bot.Storage;

namespace Bot.Privacy;

/// <summary>
/// Who erased or exported which conversation, and when (table <c>privacy_log</c>, also written to
/// the application log). Never the content. Kept when the conversation is gone: it is the record
/// that the erasure happened. SQLite or PostgreSQL.
/// </summary>
internal interface IPrivacyAudit
{
    Task WriteAsync(DateTimeOffset at, string actor, string action, string subject, int items);

    /// <summary>The latest entries, newest first.</summary>
    Task<IReadOnlyList<PrivacyLogEntry>> EntriesAsync(int limit);
}

internal sealed class PrivacyAudit : IPrivacyAudit
{
    private readonly BotDatabase _database;
    private readonly ILogger<PrivacyAudit> _logger;

    public PrivacyAudit(BotDatabase database, ILogger<PrivacyAudit> logger)
    {
        (_database, _logger) = (database, logger);
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS privacy_log (
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                items INTEGER NOT NULL
            );
            """);
    }

    public Task WriteAsync(DateTimeOffset at, string actor, string action, string subject, int items)
    {
        using var connection = _database.OpenWrite();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO privacy_log (at, actor, action, subject, items) VALUES ($at, $actor, $action, $subject, $items)";
        insert.Parameters.AddWithValue("$at", BotDatabase.Timestamp(at));
        insert.Parameters.AddWithValue("$actor", actor);
        insert.Parameters.AddWithValue("$action", action);
        insert.Parameters.AddWithValue("$subject", subject);
        insert.Parameters.AddWithValue("$items", items);
        insert.ExecuteNonQuery();
        PrivacyLog.Audited(_logger, actor, action, subject, items);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PrivacyLogEntry>> EntriesAsync(int limit)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT at, actor, action, subject, items FROM privacy_log ORDER BY rowid DESC LIMIT $limit";
        select.Parameters.AddWithValue("$limit", limit);
        using var reader = select.ExecuteReader();
        var entries = new List<PrivacyLogEntry>();
        while (reader.Read())
        {
            entries.Add(new PrivacyLogEntry(DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }
        return Task.FromResult<IReadOnlyList<PrivacyLogEntry>>(entries);
    }
}

internal sealed record PrivacyLogEntry(DateTimeOffset At, string Actor, string Action, string Subject, int Items);

internal static partial class PrivacyLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Privacy: {Actor} {Action} {Subject} ({Items} items)")]
    public static partial void Audited(ILogger logger, string actor, string action, string subject, int items);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Retention: {Store} removed {Items} items last changed before {Cutoff}")]
    public static partial void Retained(ILogger logger, string store, int items, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "The retention job failed")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);
}
