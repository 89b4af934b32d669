using System.Security.Cryptography;
using System.Text.Json;
using Bot.Storage.Postgres;
using Dialogs.Alerts;

namespace Bot.Alerts;

/// <summary>
/// Crisis alerts in PostgreSQL. Every answer looks at the active alerts, so they are read at most
/// once per <see cref="Fresh"/> per instance; an alert posted on one instance reaches the others within that time.
/// </summary>
internal sealed class PostgresAlertStore(PostgresDatabase database, TimeProvider clock) : IAlertStore
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private volatile Cached? _cache;

    public async Task<IReadOnlyList<CrisisAlert>> ActiveAsync(CancellationToken cancellationToken)
    {
        var cached = _cache;
        IReadOnlyList<CrisisAlert> alerts;
        if (cached is not null && TimeProvider.System.GetElapsedTime(cached.ReadAt) < Fresh)
        {
            alerts = cached.Alerts;
        }
        else
        {
            alerts = await database.QueryAsync("SELECT id, text, topics_json, created_at, expires_at, created_by, text_en FROM crisis_alerts WHERE expires_at > $1 ORDER BY created_at",
                r => new CrisisAlert(r.GetString(0), r.GetString(1), JsonSerializer.Deserialize<List<string>>(r.GetString(2)) ?? [],
                    PostgresDatabase.Time(r, 3), PostgresDatabase.Time(r, 4), PostgresDatabase.Text(r, 5), PostgresDatabase.Text(r, 6)),
                cancellationToken, clock.GetUtcNow() - TimeSpan.FromDays(1));
            _cache = new Cached(alerts, TimeProvider.System.GetTimestamp());
        }
        var now = clock.GetUtcNow();
        return alerts.Where(a => a.ExpiresAt > now).ToList();
    }

    public async Task<CrisisAlert> AddAsync(string text, IReadOnlyList<string> topics, DateTimeOffset expiresAt, string? createdBy, CancellationToken cancellationToken, string? textEn = null)
    {
        var alert = new CrisisAlert("A-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(), text, topics, clock.GetUtcNow(), expiresAt, createdBy, textEn);
        await database.ExecuteAsync("INSERT INTO crisis_alerts (id, text, topics_json, created_at, expires_at, created_by, text_en) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            cancellationToken, alert.Id, alert.Text, JsonSerializer.Serialize(alert.Topics), alert.CreatedAt, alert.ExpiresAt, createdBy, textEn);
        _cache = null;
        return alert;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await database.ExecuteAsync("DELETE FROM crisis_alerts WHERE id = $1", cancellationToken, id);
        _cache = null;
        return deleted > 0;
    }

    private sealed record Cached(IReadOnlyList<CrisisAlert> Alerts, long ReadAt);
}
