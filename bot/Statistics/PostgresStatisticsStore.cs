using Bot.Handoff;
using Bot.Storage.Postgres;
using Dialogs.Learning;
using Dialogs.Main;
using Knowledge;

namespace Bot.Statistics;

/// <summary>
/// The statistics turn log in PostgreSQL (table <c>stat_turns</c>), shared by every instance. Rows are written by
/// <see cref="PostgresStatisticsWriter"/>; every read and erasure here waits for this instance's queued rows first.
/// </summary>
internal sealed class PostgresStatisticsStore(PostgresDatabase database, KnowledgeProvider knowledge, ICaseStore cases, PostgresStatisticsWriter writer) : IStatisticsStore
{
    private const string Columns = "conversation_id, channel, at, question, outcome, answer_id, confidence, language, topic, top_candidate, feedback, verdict, route, case_id, duration_ms, case_wait_s, case_rating, case_abandoned";

    public async Task RecordAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        var decision = record.Decision;
        var entries = knowledge.Current.Knowledge;
        var top = decision.Candidates.Count > 0 ? decision.Candidates[0].Id : null;
        // A clarification or handoff is still about the topic of the best match; a fallback is not.
        var topicEntry = decision.AnswerId ?? (decision.Outcome is Outcomes.Clarify or Outcomes.Handoff ? top : null);
        var topic = topicEntry is null ? null : entries.Find(topicEntry)?.Topic;
        var statements = new List<Statement>
        {
            new("""
                INSERT INTO stat_turns (conversation_id, activity_id, channel, at, question, outcome, answer_id, confidence, language, topic, top_candidate, feedback, route, case_id, duration_ms)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                """, record.ConversationId, record.ActivityId, record.Channel, Utc(record.At), record.Question, decision.Outcome, decision.AnswerId,
                decision.Confidence, decision.Language, topic, top, record.Feedback, record.Route, record.CaseId, record.DurationMs),
        };
        if (record.Feedback is not null && record.FeedbackEntryId is not null)
        {
            // The verdict belongs to the answer it was given on: the conversation's latest answer with that entry.
            statements.Add(new("""
                UPDATE stat_turns SET verdict = $1 WHERE id = (
                    SELECT id FROM stat_turns WHERE conversation_id = $2 AND outcome = 'answer' AND answer_id = $3
                    ORDER BY at DESC, id DESC LIMIT 1)
                """, record.Feedback, record.ConversationId, record.FeedbackEntryId));
        }
        // Off the turn path: the writer stores it with the other instances' rows of the moment (see PostgresStatisticsWriter).
        await writer.EnqueueAsync(statements, cancellationToken);
    }

    public async Task<IReadOnlyList<StatTurn>> ConversationsStartingAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RefreshCaseFactsAsync(now, cancellationToken, since: from);
        return await QueryAsync("""
            WHERE conversation_id IN (SELECT conversation_id FROM stat_turns GROUP BY conversation_id HAVING MIN(at) >= $1 AND MIN(at) < $2)
            ORDER BY at, id
            """, cancellationToken, from, to);
    }

    public async Task<IReadOnlyList<StatTurn>> QuestionsBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await QueryAsync("WHERE question IS NOT NULL AND at >= $1 AND at < $2 ORDER BY at, id", cancellationToken, from, to);

    public async Task<IReadOnlyList<StatTurn>> OfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        await QueryAsync("WHERE conversation_id = $1 ORDER BY at, id", cancellationToken, conversationId);

    public async Task RefreshCaseFactsAsync(DateTimeOffset now, CancellationToken cancellationToken, DateTimeOffset? since = null)
    {
        await writer.FlushAsync(cancellationToken);
        var stale = StatisticsCalculator.AbandonAfter;
        var caseIds = await database.QueryAsync("SELECT DISTINCT case_id FROM stat_turns WHERE case_id IS NOT NULL AND outcome = 'handoff' AND at >= $1",
            r => r.GetString(0), cancellationToken, since ?? DateTimeOffset.UnixEpoch);
        foreach (var id in caseIds)
        {
            if (await cases.GetAsync(id, cancellationToken) is not { } item)
            {
                continue;
            }
            var timedOut = (await cases.EventsAsync(id, cancellationToken)).Any(e => e.Kind == "queue-timeout");
            double? wait = item.ClaimedAt is { } claimed && !timedOut ? Math.Max(0, (claimed - item.CreatedAt).TotalSeconds) : null;
            var abandoned = item.ClaimedAt is null
                && (timedOut || item.Status == CaseStatus.Closed || (item.Status == CaseStatus.Queued && now - item.CreatedAt >= stale));
            await database.ExecuteAsync("""
                UPDATE stat_turns SET case_wait_s = CASE WHEN route = 'queued' THEN $2 END, case_rating = $3,
                    case_abandoned = CASE WHEN route = 'queued' THEN $4 ELSE false END
                WHERE case_id = $1 AND outcome = 'handoff'
                """, cancellationToken, id, wait, item.Rating, abandoned);
        }
    }

    public async Task<int> AnonymizeAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        var changed = 0;
        foreach (var id in conversationIds)
        {
            changed += await database.ExecuteAsync("UPDATE stat_turns SET conversation_id = $1, activity_id = NULL, question = NULL, case_id = NULL WHERE conversation_id = $2",
                cancellationToken, StatisticsStore.AnonymousPrefix + Guid.NewGuid().ToString("N"), id);
        }
        return changed;
    }

    public async Task<IReadOnlyList<string>> ConversationsEndedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        return await database.QueryAsync($"SELECT conversation_id FROM stat_turns WHERE conversation_id NOT LIKE '{StatisticsStore.AnonymousPrefix}%' GROUP BY conversation_id HAVING MAX(at) < $1",
            r => r.GetString(0), cancellationToken, cutoff);
    }

    private async Task<List<StatTurn>> QueryAsync(string where, CancellationToken cancellationToken, params object?[] args)
    {
        await writer.FlushAsync(cancellationToken);
        return await database.QueryAsync($"SELECT {Columns} FROM stat_turns {where}", r => new StatTurn(
            r.GetString(0), r.GetString(1), PostgresDatabase.Time(r, 2), PostgresDatabase.Text(r, 3), r.GetString(4), PostgresDatabase.Text(r, 5), r.GetDouble(6),
            r.GetString(7), PostgresDatabase.Text(r, 8), PostgresDatabase.Text(r, 9), PostgresDatabase.Text(r, 10), PostgresDatabase.Text(r, 11), r.GetString(12),
            PostgresDatabase.Text(r, 13), r.GetDouble(14), r.IsDBNull(15) ? null : r.GetDouble(15), r.IsDBNull(16) ? null : r.GetInt32(16), r.GetBoolean(17)),
            cancellationToken, args);
    }

    private static DateTimeOffset Utc(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);
}
