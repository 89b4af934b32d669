using System.Text.Json;
using Bot.Storage.Postgres;
using Dialogs.Handoff;
using Dialogs.Protocol;
using Npgsql;

namespace Bot.Handoff;

/// <summary>Handoff cases in PostgreSQL. Case numbers come from one counter row per year, shared by every instance.</summary>
internal sealed class PostgresCaseStore(PostgresDatabase database) : ICaseStore
{
    private const string Columns = "id, conversation_id, channel, user_id, status, grp, language, topic, summary_json, created_at, claimed_by, claimed_by_name, claimed_at, closed_at, resolution, rating";

    public async Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = await database.ScalarAsync<long>("""
            INSERT INTO sequences (name, last) VALUES ($1, 1)
            ON CONFLICT (name) DO UPDATE SET last = sequences.last + 1 RETURNING last
            """, cancellationToken, $"case-{now.Year}");
        return $"C-{now.Year}-{number:D6}";
    }

    public Task CreateAsync(Case item, CancellationToken cancellationToken) =>
        database.ExecuteAsync($"INSERT INTO cases ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)", cancellationToken, Values(item));

    public Task UpdateAsync(Case item, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            UPDATE cases SET status = $2, grp = $3, topic = $4, summary_json = $5, claimed_by = $6, claimed_by_name = $7,
                claimed_at = $8, closed_at = $9, resolution = $10, rating = $11
            WHERE id = $1
            """, cancellationToken, item.Id, item.Status, item.Group, item.Topic, JsonSerializer.Serialize(item.Summary, ActivityJson.Options),
            item.ClaimedBy, item.ClaimedByName, item.ClaimedAt, item.ClosedAt, item.Resolution, item.Rating);

    public async Task<Case?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE id = $1", cancellationToken, id)).FirstOrDefault();

    public async Task<Case?> OpenCaseOfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE conversation_id = $1 AND status <> 'closed' ORDER BY created_at DESC", cancellationToken, conversationId)).FirstOrDefault();

    public async Task<IReadOnlyList<Case>> OfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        await QueryAsync("WHERE conversation_id = $1 ORDER BY created_at", cancellationToken, conversationId);

    public async Task<IReadOnlyList<Case>> SearchAsync(CaseSearch search, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var args = new List<object?>();
        string Next(object value)
        {
            args.Add(value);
            return "$" + args.Count;
        }
        if (search.Status is { } status)
        {
            where.Add("status = " + Next(status));
        }
        if (search.From is { } from)
        {
            where.Add("created_at >= " + Next(from));
        }
        if (search.To is { } to)
        {
            where.Add("created_at < " + Next(to));
        }
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            // A case id, a reference (FR-…, ärendenummer) or words: all must occur in the id, summary, resolution or events.
            foreach (var word in search.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
            {
                var p = Next("%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
                where.Add($"(id ILIKE {p} OR summary_json ILIKE {p} OR resolution ILIKE {p} "
                    + $"OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.text ILIKE {p}))");
            }
        }
        var sql = (where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where)) + $" ORDER BY created_at DESC LIMIT {Math.Clamp(search.Limit, 1, 500)}";
        return await QueryAsync(sql, cancellationToken, [.. args]);
    }

    public async Task<IReadOnlyList<Case>> ListAsync(string? status, CancellationToken cancellationToken) =>
        status is null
            ? await QueryAsync("ORDER BY created_at", cancellationToken)
            : await QueryAsync("WHERE status = $1 ORDER BY created_at", cancellationToken, status);

    public Task AddEventAsync(string caseId, CaseEvent item, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO case_events (case_id, at, kind, actor, text) VALUES ($1, $2, $3, $4, $5)",
            cancellationToken, caseId, item.At, item.Kind, item.Actor, item.Text);

    public async Task<IReadOnlyList<CaseEvent>> EventsAsync(string caseId, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT at, kind, actor, text FROM case_events WHERE case_id = $1 ORDER BY at, id",
            r => new CaseEvent(PostgresDatabase.Time(r, 0), r.GetString(1), PostgresDatabase.Text(r, 2), PostgresDatabase.Text(r, 3)), cancellationToken, caseId);

    private Task<List<Case>> QueryAsync(string where, CancellationToken cancellationToken, params object?[] args) =>
        database.QueryAsync($"SELECT {Columns} FROM cases {where}", Read, cancellationToken, args);

    private static Case Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        ConversationId = reader.GetString(1),
        Channel = reader.GetString(2),
        UserId = reader.GetString(3),
        Status = reader.GetString(4),
        Group = reader.GetString(5),
        Language = reader.GetString(6),
        Topic = PostgresDatabase.Text(reader, 7),
        Summary = JsonSerializer.Deserialize<CaseSummary>(reader.GetString(8), ActivityJson.Options)!,
        CreatedAt = PostgresDatabase.Time(reader, 9),
        ClaimedBy = PostgresDatabase.Text(reader, 10),
        ClaimedByName = PostgresDatabase.Text(reader, 11),
        ClaimedAt = PostgresDatabase.NullableTime(reader, 12),
        ClosedAt = PostgresDatabase.NullableTime(reader, 13),
        Resolution = PostgresDatabase.Text(reader, 14),
        Rating = reader.IsDBNull(15) ? null : reader.GetInt32(15),
    };

    private static object?[] Values(Case item) =>
    [
        item.Id, item.ConversationId, item.Channel, item.UserId, item.Status, item.Group, item.Language, item.Topic,
        JsonSerializer.Serialize(item.Summary, ActivityJson.Options), item.CreatedAt, item.ClaimedBy, item.ClaimedByName,
        item.ClaimedAt, item.ClosedAt, item.Resolution, item.Rating,
    ];
}
