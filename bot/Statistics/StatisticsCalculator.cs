using System.Globalization;
using Dialogs.Learning;
using Dialogs.Main;
using Knowledge.Calendar;

namespace Bot.Statistics;

/// <summary>
/// The statistics of a period, computed from recorded turns. The definitions (also in the README):
/// <list type="bullet">
/// <item>A conversation counts in the period of its first recorded resident turn (Europe/Stockholm day), with all its turns.</item>
/// <item>Questions: resident messages the bot treated as a question: outcome answer, clarify, fallback or handoff.
/// Feedback ("Ja, tack" / "Nej"), small talk, emergencies and messages relayed to a guide are not questions.
/// questions = answered + clarified + handedOff + declined.</item>
/// <item>Abandoned: a conversation whose last turn offered options or said the bot could not answer (clarify or
/// fallback) and where the resident wrote nothing in the <see cref="AbandonAfter"/> that followed; or whose case
/// waited in the live queue and no guide picked it up (it timed out, was closed unclaimed, or is still queued after <see cref="AbandonAfter"/>).</item>
/// <item>Containment: of the conversations with at least one question, the share that were neither handed to a
/// guide (any handoff turn, also after a "Nej") nor abandoned.</item>
/// <item>Pickup wait: for cases that waited in the live queue and were claimed, claim time minus creation time;
/// median (mean of the middle two for an even count) and 90th percentile (nearest rank).</item>
/// </list>
/// </summary>
internal static class StatisticsCalculator
{
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(30);
    private const int TopTopics = 10;

    public static StatisticsReport Compute(IReadOnlyList<StatTurn> turns, DateOnly from, DateOnly to, DateTimeOffset now)
    {
        var conversations = turns
            .GroupBy(t => t.ConversationId)
            .Select(g => Summarize(g.OrderBy(t => t.At).ToList(), now))
            .ToList();
        var questions = turns.Where(IsQuestion).ToList();
        var waits = turns.Where(t => t.Outcome == Outcomes.Handoff && t.CaseWaitSeconds is not null)
            .Select(t => t.CaseWaitSeconds!.Value).Order().ToList();
        var guideRatings = turns.Where(t => t.Outcome == Outcomes.Handoff && t.CaseRating is not null).Select(t => t.CaseRating!.Value).ToList();
        var helpful = turns.Count(t => t.Feedback == FeedbackValues.Helpful);
        var notHelpful = turns.Count(t => t.Feedback == FeedbackValues.NotHelpful);

        var days = new List<DayCounts>();
        if (to.DayNumber - from.DayNumber <= 366)
        {
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                days.Add(DayCounts.Of(day, Count(conversations.Where(c => c.Day == day).ToList())));
            }
        }

        var total = Count(conversations);
        return new StatisticsReport(
            from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            total.Conversations, total.Questions, total.Answered, total.Clarified, total.HandedOff, total.Declined, total.Abandoned,
            total.ContainmentRate,
            waits.Count == 0 ? null : Math.Round(Median(waits), 1),
            waits.Count == 0 ? null : Math.Round(NearestRank(waits, 0.9), 1),
            waits.Count,
            new Ratings(
                helpful, notHelpful,
                helpful + notHelpful == 0 ? null : Math.Round((double)helpful / (helpful + notHelpful), 3),
                new GuideRatings(
                    guideRatings.Count,
                    guideRatings.Count == 0 ? null : Math.Round(guideRatings.Average(), 2),
                    Enumerable.Range(1, 5).ToDictionary(n => n.ToString(CultureInfo.InvariantCulture), n => guideRatings.Count(r => r == n)))),
            questions.Where(q => q.Topic is not null)
                .GroupBy(q => q.Topic!)
                .Select(g => new TopicCount(g.Key, g.Count(), g.Count(q => q.Outcome == Outcomes.Answer)))
                .OrderByDescending(t => t.Questions).ThenBy(t => t.Topic, StringComparer.Ordinal)
                .Take(TopTopics)
                .ToList(),
            conversations.GroupBy(c => c.Channel).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Count(g.ToList())),
            conversations.GroupBy(c => c.Language).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Count(g.ToList())),
            days,
            Math.Round(questions.Count == 0 ? 0 : Median(questions.Select(q => q.DurationMs).Order().ToList()), 2),
            turns.Count(t => t.Outcome == Outcomes.Emergency),
            total.HandedOffConversations);
    }

    public static bool IsQuestion(StatTurn turn) =>
        turn.Feedback is null && turn.Outcome is Outcomes.Answer or Outcomes.Clarify or Outcomes.Fallback or Outcomes.Handoff;

    private static ConversationSummary Summarize(IReadOnlyList<StatTurn> turns, DateTimeOffset now)
    {
        var first = turns[0];
        var last = turns[^1];
        var questions = turns.Where(IsQuestion).ToList();
        var abandoned = questions.Count > 0 && (
            (last.Outcome is Outcomes.Clarify or Outcomes.Fallback && now - last.At >= AbandonAfter)
            || turns.Any(t => t.Outcome == Outcomes.Handoff && t.CaseAbandoned));
        return new ConversationSummary(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(first.At, ContactCenterHours.Stockholm).DateTime),
            first.Channel,
            (questions.Count > 0 ? questions[0] : first).Language,
            questions.Count,
            questions.Count(q => q.Outcome == Outcomes.Answer),
            questions.Count(q => q.Outcome == Outcomes.Clarify),
            questions.Count(q => q.Outcome == Outcomes.Handoff),
            questions.Count(q => q.Outcome == Outcomes.Fallback),
            turns.Any(t => t.Outcome == Outcomes.Handoff),
            abandoned);
    }

    private static Counts Count(IReadOnlyList<ConversationSummary> conversations)
    {
        var asked = conversations.Where(c => c.Questions > 0).ToList();
        var contained = asked.Count(c => !c.HandedOff && !c.Abandoned);
        return new Counts(
            conversations.Count,
            conversations.Sum(c => c.Questions),
            conversations.Sum(c => c.Answered),
            conversations.Sum(c => c.Clarified),
            conversations.Sum(c => c.HandedOffQuestions),
            conversations.Sum(c => c.Declined),
            conversations.Count(c => c.Abandoned),
            asked.Count == 0 ? 0 : Math.Round((double)contained / asked.Count, 3),
            conversations.Count(c => c.HandedOff));
    }

    /// <summary>Median of sorted values: the middle one, or the mean of the middle two.</summary>
    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least p of the values at or below it.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record ConversationSummary(
        DateOnly Day, string Channel, string Language, int Questions, int Answered, int Clarified, int HandedOffQuestions, int Declined, bool HandedOff, bool Abandoned);
}

/// <summary>The JSON of <c>GET /api/stats</c> (field names in design/interfaces.md).</summary>
internal sealed record StatisticsReport(
    string From,
    string To,
    int Conversations,
    int Questions,
    int Answered,
    int Clarified,
    int HandedOff,
    int Declined,
    int Abandoned,
    double ContainmentRate,
    double? PickupWaitMedianSeconds,
    double? PickupWaitP90Seconds,
    int Pickups,
    Ratings Ratings,
    IReadOnlyList<TopicCount> Topics,
    IReadOnlyDictionary<string, Counts> ByChannel,
    IReadOnlyDictionary<string, Counts> ByLanguage,
    IReadOnlyList<DayCounts> ByDay,
    double TurnMedianMilliseconds,
    int Emergencies,
    int HandedOffConversations)
{
    /// <summary>Of the messages left for guides in the period, the share answered within 24 hours (<see cref="MessageReplyStatistics"/>).</summary>
    public double? MessagesAnsweredWithin24hRate { get; init; }

    /// <summary>The messages that rate counts, and how many of them were answered in time.</summary>
    public int MessagesLeft { get; init; }

    public int MessagesAnsweredWithin24h { get; init; }
}

internal sealed record Counts(
    int Conversations, int Questions, int Answered, int Clarified, int HandedOff, int Declined, int Abandoned, double ContainmentRate, int HandedOffConversations);

internal sealed record DayCounts(
    string Date, int Conversations, int Questions, int Answered, int Clarified, int HandedOff, int Declined, int Abandoned, double ContainmentRate, int HandedOffConversations)
{
    public static DayCounts Of(DateOnly day, Counts c) => new(
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Conversations, c.Questions, c.Answered, c.Clarified, c.HandedOff, c.Declined, c.Abandoned, c.ContainmentRate, c.HandedOffConversations);
}

internal sealed record Ratings(int Helpful, int NotHelpful, double? HelpfulShare, GuideRatings Guide);

internal sealed record GuideRatings(int Count, double? Average, IReadOnlyDictionary<string, int> ByScore);

internal sealed record TopicCount(string Topic, int Questions, int Answered);
