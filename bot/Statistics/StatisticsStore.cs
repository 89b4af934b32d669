using System.Globalization;
using Bot.Handoff;
using Bot.Storage;
using Dialogs.Learning;
using Dialogs.Main;
using Knowledge;
using Microsoft.Data.Sqlite;

namespace Bot.Statistics;

/// <summary>
/// The turn log for statistics and the learning inbox (table <c>stat_turns</c>). Question texts
/// arrive masked; the retention job and erasure remove them and unlink the rows from the
/// conversation, so that only anonymous counts remain. SQLite or PostgreSQL.
/// </summary>
internal interface IStatisticsStore : ITurnRecorder
{
    /// <summary>Every turn of the conversations whose first turn lies in [from, to).</summary>
    Task<IReadOnlyList<StatTurn>> ConversationsStartingAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Question turns (with their masked text) in [from, to).</summary>
    Task<IReadOnlyList<StatTurn>> QuestionsBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    Task<IReadOnlyList<StatTurn>> OfConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Copies what the statistics need from the handoff cases (which the retention job deletes):
    /// the pickup wait of live-queue cases, the rating, and whether nobody picked the case up.
    /// </summary>
    /// <param name="since">only cases handed over from this time on (all when null)</param>
    Task RefreshCaseFactsAsync(DateTimeOffset now, CancellationToken cancellationToken, DateTimeOffset? since = null);

    /// <summary>Removes the texts of the given conversations and gives each a random id, so that the counts stay and nothing links them to a resident.</summary>
    Task<int> AnonymizeAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken);

    /// <summary>Conversations (not yet anonymous) whose last turn is before <paramref name="cutoff"/>.</summary>
    Task<IReadOnlyList<string>> ConversationsEndedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>The statistics turn log in the embedded SQLite database.</summary>
internal sealed class StatisticsStore : IStatisticsStore
{
    public const string AnonymousPrefix = "anon-";
    private const string Columns = "conversation_id, channel, at, question, outcome, answer_id, confidence, language, topic, top_candidate, feedback, verdict, route, case_id, duration_ms, case_wait_s, case_rating, case_abandoned";

    private readonly BotDatabase _database;
    private readonly KnowledgeProvider _knowledge;
    private readonly ICaseStore _cases;

    public StatisticsStore(BotDatabase database, KnowledgeProvider knowledge, ICaseStore cases)
    {
        (_database, _knowledge, _cases) = (database, knowledge, cases);
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS stat_turns (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id TEXT NOT NULL,
                activity_id TEXT NULL,
                channel TEXT NOT NULL,
                at TEXT NOT NULL,
                question TEXT NULL,
                outcome TEXT NOT NULL,
                answer_id TEXT NULL,
                confidence REAL NOT NULL,
                language TEXT NOT NULL,
                topic TEXT NULL,
                top_candidate TEXT NULL,
                feedback TEXT NULL,
                verdict TEXT NULL,
                route TEXT NOT NULL,
                case_id TEXT NULL,
                duration_ms REAL NOT NULL,
                case_wait_s REAL NULL,
                case_rating INTEGER NULL,
                case_abandoned INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS stat_turns_at ON stat_turns (at);
            CREATE INDEX IF NOT EXISTS stat_turns_conversation ON stat_turns (conversation_id, at);
            """);
    }

    public Task RecordAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        var decision = record.Decision;
        var knowledge = _knowledge.Current.Knowledge;
        var top = decision.Candidates.Count > 0 ? decision.Candidates[0].Id : null;
        // A clarification or handoff is still about the topic of the best match; a fallback is not.
        var topicEntry = decision.AnswerId ?? (decision.Outcome is Outcomes.Clarify or Outcomes.Handoff ? top : null);
        var topic = topicEntry is null ? null : knowledge.Find(topicEntry)?.Topic;
        using var connection = _database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO stat_turns (conversation_id, activity_id, channel, at, question, outcome, answer_id, confidence, language, topic, top_candidate, feedback, route, case_id, duration_ms)
                VALUES ($conversation, $activity, $channel, $at, $question, $outcome, $answer, $confidence, $language, $topic, $top, $feedback, $route, $case, $duration)
                """;
            insert.Parameters.AddWithValue("$conversation", record.ConversationId);
            insert.Parameters.AddWithValue("$activity", (object?)record.ActivityId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$channel", record.Channel);
            insert.Parameters.AddWithValue("$at", Iso(record.At));
            insert.Parameters.AddWithValue("$question", (object?)record.Question ?? DBNull.Value);
            insert.Parameters.AddWithValue("$outcome", decision.Outcome);
            insert.Parameters.AddWithValue("$answer", (object?)decision.AnswerId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$confidence", decision.Confidence);
            insert.Parameters.AddWithValue("$language", decision.Language);
            insert.Parameters.AddWithValue("$topic", (object?)topic ?? DBNull.Value);
            insert.Parameters.AddWithValue("$top", (object?)top ?? DBNull.Value);
            insert.Parameters.AddWithValue("$feedback", (object?)record.Feedback ?? DBNull.Value);
            insert.Parameters.AddWithValue("$route", record.Route);
            insert.Parameters.AddWithValue("$case", (object?)record.CaseId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$duration", record.DurationMs);
            insert.ExecuteNonQuery();
        }
        if (record.Feedback is not null && record.FeedbackEntryId is not null)
        {
            // The verdict belongs to the answer it was given on: the conversation's latest answer with that entry.
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE stat_turns SET verdict = $feedback WHERE id = (
                    SELECT id FROM stat_turns WHERE conversation_id = $conversation AND outcome = 'answer' AND answer_id = $entry
                    ORDER BY at DESC, id DESC LIMIT 1)
                """;
            update.Parameters.AddWithValue("$feedback", record.Feedback);
            update.Parameters.AddWithValue("$conversation", record.ConversationId);
            update.Parameters.AddWithValue("$entry", record.FeedbackEntryId);
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>Every turn of the conversations whose first turn lies in [from, to).</summary>
    public async Task<IReadOnlyList<StatTurn>> ConversationsStartingAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RefreshCaseFactsAsync(now, cancellationToken, since: from);
        return Query("""
            WHERE conversation_id IN (SELECT conversation_id FROM stat_turns GROUP BY conversation_id HAVING MIN(at) >= $from AND MIN(at) < $to)
            ORDER BY at, id
            """, ("$from", Iso(from)), ("$to", Iso(to)));
    }

    public Task<IReadOnlyList<StatTurn>> QuestionsBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StatTurn>>(Query("WHERE question IS NOT NULL AND at >= $from AND at < $to ORDER BY at, id", ("$from", Iso(from)), ("$to", Iso(to))));

    public Task<IReadOnlyList<StatTurn>> OfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StatTurn>>(Query("WHERE conversation_id = $id ORDER BY at, id", ("$id", conversationId)));

    /// <summary>
    /// Copies what the statistics need from the handoff cases (which the retention job deletes):
    /// the pickup wait of live-queue cases, the rating, and whether nobody picked the case up —
    /// it timed out in the queue, was closed unclaimed, or is still queued after <paramref name="staleAfter"/>.
    /// </summary>
    /// <param name="since">only cases handed over from this time on (all when null)</param>
    public async Task RefreshCaseFactsAsync(DateTimeOffset now, CancellationToken cancellationToken, DateTimeOffset? since = null)
    {
        var stale = StatisticsCalculator.AbandonAfter;
        var caseIds = new List<string>();
        using (var connection = _database.Open())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT DISTINCT case_id FROM stat_turns WHERE case_id IS NOT NULL AND outcome = 'handoff' AND at >= $since";
            select.Parameters.AddWithValue("$since", Iso(since ?? DateTimeOffset.MinValue));
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                caseIds.Add(reader.GetString(0));
            }
        }
        var facts = new List<(string Id, double? Wait, int? Rating, bool Abandoned)>();
        foreach (var id in caseIds)
        {
            if (await _cases.GetAsync(id, cancellationToken) is not { } item)
            {
                continue;
            }
            var timedOut = (await _cases.EventsAsync(id, cancellationToken)).Any(e => e.Kind == "queue-timeout");
            double? wait = item.ClaimedAt is { } claimed && !timedOut ? Math.Max(0, (claimed - item.CreatedAt).TotalSeconds) : null;
            var abandoned = item.ClaimedAt is null
                && (timedOut || item.Status == CaseStatus.Closed || (item.Status == CaseStatus.Queued && now - item.CreatedAt >= stale));
            facts.Add((id, wait, item.Rating, abandoned));
        }
        if (facts.Count == 0)
        {
            return;
        }
        using var write = _database.OpenWrite();
        using var transaction = write.BeginTransaction();
        foreach (var (id, wait, rating, abandoned) in facts)
        {
            using var update = write.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE stat_turns SET case_wait_s = CASE WHEN route = 'queued' THEN $wait END, case_rating = $rating,
                    case_abandoned = CASE WHEN route = 'queued' THEN $abandoned ELSE 0 END
                WHERE case_id = $id AND outcome = 'handoff'
                """;
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$wait", (object?)wait ?? DBNull.Value);
            update.Parameters.AddWithValue("$rating", (object?)rating ?? DBNull.Value);
            update.Parameters.AddWithValue("$abandoned", abandoned ? 1 : 0);
            update.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// Removes the texts of the given conversations and replaces their ids with a random one (the
    /// same for all turns of a conversation), so that the counts stay and nothing links them to a resident.
    /// </summary>
    public Task<int> AnonymizeAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        if (conversationIds.Count == 0)
        {
            return Task.FromResult(0);
        }
        var changed = 0;
        using var connection = _database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        foreach (var id in conversationIds)
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE stat_turns SET conversation_id = $anon, activity_id = NULL, question = NULL, case_id = NULL WHERE conversation_id = $id";
            update.Parameters.AddWithValue("$anon", AnonymousPrefix + Guid.NewGuid().ToString("N"));
            update.Parameters.AddWithValue("$id", id);
            changed += update.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.FromResult(changed);
    }

    /// <summary>Conversations (not yet anonymous) whose last turn is before <paramref name="cutoff"/>.</summary>
    public Task<IReadOnlyList<string>> ConversationsEndedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT conversation_id FROM stat_turns WHERE conversation_id NOT LIKE '{AnonymousPrefix}%' GROUP BY conversation_id HAVING MAX(at) < $cutoff";
        command.Parameters.AddWithValue("$cutoff", Iso(cutoff));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    private List<StatTurn> Query(string where, params (string Name, string Value)[] parameters)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM stat_turns {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var turns = new List<StatTurn>();
        while (reader.Read())
        {
            turns.Add(new StatTurn(
                reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Text(reader, 3), reader.GetString(4), Text(reader, 5), reader.GetDouble(6), reader.GetString(7), Text(reader, 8), Text(reader, 9),
                Text(reader, 10), Text(reader, 11), reader.GetString(12), Text(reader, 13), reader.GetDouble(14),
                reader.IsDBNull(15) ? null : reader.GetDouble(15), reader.IsDBNull(16) ? null : reader.GetInt32(16), reader.GetInt64(17) != 0));
        }
        return turns;
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>UTC, fixed width: sorts and compares as text in SQL.</summary>
    public static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
