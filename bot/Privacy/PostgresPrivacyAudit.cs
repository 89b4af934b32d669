using Bot.Storage.Postgres;

namespace Bot.Privacy;

/// <summary>The privacy audit log in PostgreSQL.</summary>
internal sealed class PostgresPrivacyAudit(PostgresDatabase database, ILogger<PrivacyAudit> logger) : IPrivacyAudit
{
    public async Task WriteAsync(DateTimeOffset at, string actor, string action, string subject, int items)
    {
        await database.ExecuteAsync("INSERT INTO privacy_log (at, actor, action, subject, items) VALUES ($1, $2, $3, $4, $5)",
            CancellationToken.None, at, actor, action, subject, items);
        PrivacyLog.Audited(logger, actor, action, subject, items);
    }

    public async Task<IReadOnlyList<PrivacyLogEntry>> EntriesAsync(int limit) =>
        await database.QueryAsync("SELECT at, actor, action, subject, items FROM privacy_log ORDER BY id DESC LIMIT $1",
            r => new PrivacyLogEntry(PostgresDatabase.Time(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4)), CancellationToken.None, limit);
}
