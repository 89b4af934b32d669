using System.Globalization;
using System.Text.Json;
using Bot.Storage;
using Dialogs.Handoff;
using Dialogs.Protocol;
using Microsoft.Data.Sqlite;

namespace Bot.Handoff;

internal sealed class SqliteCaseStore(BotDatabase database) : ICaseStore
{
    private const string Columns = "id, conversation_id, channel, user_id, status, grp, language, topic, summary_json, created_at, claimed_by, claimed_by_name, claimed_at, closed_at, resolution, rating";

    public Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = $"case-sequence-{now.Year}";
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO settings (key, value) VALUES ($key, '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
            RETURNING value
            """;
        command.Parameters.AddWithValue("$key", key);
        var number = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return Task.FromResult($"C-{now.Year}-{number:D6}");
    }

    public Task CreateAsync(Case item, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO cases ({Columns}) VALUES ($id, $conversation, $channel, $user, $status, $group, $language, $topic, $summary, $created, $claimedBy, $claimedByName, $claimedAt, $closedAt, $resolution, $rating)";
        Bind(command, item);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task UpdateAsync(Case item, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE cases SET status = $status, grp = $group, topic = $topic, summary_json = $summary, claimed_by = $claimedBy,
                claimed_by_name = $claimedByName, claimed_at = $claimedAt, closed_at = $closedAt, resolution = $resolution, rating = $rating
            WHERE id = $id
            """;
        Bind(command, item);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<Case?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Query("WHERE id = $p", id).FirstOrDefault());

    public Task<Case?> OpenCaseOfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Query("WHERE conversation_id = $p AND status <> 'closed' ORDER BY created_at DESC", conversationId).FirstOrDefault());

    public Task<IReadOnlyList<Case>> OfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Case>>(Query("WHERE conversation_id = $p ORDER BY created_at", conversationId));

    public Task<IReadOnlyList<Case>> SearchAsync(CaseSearch search, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new List<(string, object)>();
        if (search.Status is { } status)
        {
            where.Add("status = $status");
            parameters.Add(("$status", status));
        }
        if (search.From is { } from)
        {
            where.Add("created_at >= $from");
            parameters.Add(("$from", BotDatabase.Timestamp(from)));
        }
        if (search.To is { } to)
        {
            where.Add("created_at < $to");
            parameters.Add(("$to", BotDatabase.Timestamp(to)));
        }
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            // A case id, a reference (FR-…, ärendenummer) or words: all must occur in the id, summary or events.
            var words = search.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).ToList();
            for (var i = 0; i < words.Count; i++)
            {
                where.Add($"(id LIKE $w{i} ESCAPE '\\' OR summary_json LIKE $w{i} ESCAPE '\\' OR resolution LIKE $w{i} ESCAPE '\\' "
                    + $"OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id AND e.text LIKE $w{i} ESCAPE '\\'))");
                parameters.Add(($"$w{i}", "%" + words[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));
            }
        }
        var sql = (where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where)) + $" ORDER BY created_at DESC LIMIT {Math.Clamp(search.Limit, 1, 500)}";
        return Task.FromResult<IReadOnlyList<Case>>(Query(sql, null, parameters));
    }

    public Task<IReadOnlyList<Case>> ListAsync(string? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Case>>(status is null
            ? Query("ORDER BY created_at", null)
            : Query("WHERE status = $p ORDER BY created_at", status));

    public Task AddEventAsync(string caseId, CaseEvent item, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO case_events (case_id, at, kind, actor, text) VALUES ($id, $at, $kind, $actor, $text)";
        command.Parameters.AddWithValue("$id", caseId);
        command.Parameters.AddWithValue("$at", BotDatabase.Timestamp(item.At));
        command.Parameters.AddWithValue("$kind", item.Kind);
        command.Parameters.AddWithValue("$actor", (object?)item.Actor ?? DBNull.Value);
        command.Parameters.AddWithValue("$text", (object?)item.Text ?? DBNull.Value);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CaseEvent>> EventsAsync(string caseId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, kind, actor, text FROM case_events WHERE case_id = $id ORDER BY at, rowid";
        command.Parameters.AddWithValue("$id", caseId);
        using var reader = command.ExecuteReader();
        var events = new List<CaseEvent>();
        while (reader.Read())
        {
            events.Add(new CaseEvent(Time(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return Task.FromResult<IReadOnlyList<CaseEvent>>(events);
    }

    private List<Case> Query(string where, string? parameter, IEnumerable<(string Name, object Value)>? parameters = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM cases {where}";
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }
        foreach (var (name, value) in parameters ?? [])
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var cases = new List<Case>();
        while (reader.Read())
        {
            cases.Add(new Case
            {
                Id = reader.GetString(0),
                ConversationId = reader.GetString(1),
                Channel = reader.GetString(2),
                UserId = reader.GetString(3),
                Status = reader.GetString(4),
                Group = reader.GetString(5),
                Language = reader.GetString(6),
                Topic = reader.IsDBNull(7) ? null : reader.GetString(7),
                Summary = JsonSerializer.Deserialize<CaseSummary>(reader.GetString(8), ActivityJson.Options)!,
                CreatedAt = Time(reader.GetString(9)),
                ClaimedBy = reader.IsDBNull(10) ? null : reader.GetString(10),
                ClaimedByName = reader.IsDBNull(11) ? null : reader.GetString(11),
                ClaimedAt = reader.IsDBNull(12) ? null : Time(reader.GetString(12)),
                ClosedAt = reader.IsDBNull(13) ? null : Time(reader.GetString(13)),
                Resolution = reader.IsDBNull(14) ? null : reader.GetString(14),
                Rating = reader.IsDBNull(15) ? null : reader.GetInt32(15),
            });
        }
        return cases;
    }

    private static void Bind(SqliteCommand command, Case item)
    {
        command.Parameters.AddWithValue("$id", item.Id);
        command.Parameters.AddWithValue("$conversation", item.ConversationId);
        command.Parameters.AddWithValue("$channel", item.Channel);
        command.Parameters.AddWithValue("$user", item.UserId);
        command.Parameters.AddWithValue("$status", item.Status);
        command.Parameters.AddWithValue("$group", item.Group);
        command.Parameters.AddWithValue("$language", item.Language);
        command.Parameters.AddWithValue("$topic", (object?)item.Topic ?? DBNull.Value);
        command.Parameters.AddWithValue("$summary", JsonSerializer.Serialize(item.Summary, ActivityJson.Options));
        command.Parameters.AddWithValue("$created", BotDatabase.Timestamp(item.CreatedAt));
        command.Parameters.AddWithValue("$claimedBy", (object?)item.ClaimedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$claimedByName", (object?)item.ClaimedByName ?? DBNull.Value);
        command.Parameters.AddWithValue("$claimedAt", item.ClaimedAt is { } claimedAt ? BotDatabase.Timestamp(claimedAt) : DBNull.Value);
        command.Parameters.AddWithValue("$closedAt", item.ClosedAt is { } closedAt ? BotDatabase.Timestamp(closedAt) : DBNull.Value);
        command.Parameters.AddWithValue("$resolution", (object?)item.Resolution ?? DBNull.Value);
        command.Parameters.AddWithValue("$rating", (object?)item.Rating ?? DBNull.Value);
    }

    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
