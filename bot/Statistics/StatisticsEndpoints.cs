using Bot.Guides;
using Dialogs.Main;
using Knowledge;

namespace Bot.Statistics;

/// <summary><c>GET /api/stats</c> (JSON or CSV) and the learning inbox <c>GET /api/guide/unanswered</c>, for signed-in guides.</summary>
internal static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats", async (string? from, string? to, string? format, HttpContext context, IStatisticsStore store, MessageReplyStatistics replies, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var now = clock.GetUtcNow();
            if (!StatisticsPeriod.TryParse(from, to, now, out var period, out var error))
            {
                return Results.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest);
            }
            var turns = await store.ConversationsStartingAsync(period.Start, period.End, now, cancellationToken);
            var report = StatisticsCalculator.Compute(turns, period.From, period.To, now);
            var messages = await replies.ComputeAsync(period.Start, period.End, now, cancellationToken);
            report = report with { MessagesAnsweredWithin24hRate = messages.Rate, MessagesLeft = messages.Counted, MessagesAnsweredWithin24h = messages.AnsweredWithin24h };
            var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                || (format is null && context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
            if (csv)
            {
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"statistik-{report.From}-{report.To}.csv\"";
                return Results.Text(StatisticsCsv.Write(report), "text/csv; charset=utf-8");
            }
            return Results.Json(report);
        }).RequireAuthorization(GuidePolicies.Guide);

        app.MapGet("/api/guide/unanswered", async (string? from, string? to, int? limit, string? language, IStatisticsStore store, BotOptions bot, LearningOptions options, KnowledgeProvider knowledge, TimeProvider clock) =>
        {
            if (!StatisticsPeriod.TryParse(from, to, clock.GetUtcNow(), out var period, out var error))
            {
                return Results.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest);
            }
            var lowConfidence = Math.Max(bot.AnswerThreshold, options.LowConfidence);
            var questions = (await store.QuestionsBetweenAsync(period.Start, period.End, CancellationToken.None))
                .Select(t => UnansweredInbox.Select(t, bot.AnswerThreshold, lowConfidence))
                .OfType<UnansweredQuestion>()
                // ?language=fi: only the questions written in that language
                .Where(q => string.IsNullOrEmpty(language) || q.Language == language);
            var groups = UnansweredInbox.Group(questions);
            var entries = knowledge.Current.Knowledge;
            return Results.Json(groups.Take(Math.Clamp(limit ?? 100, 1, 1000)).Select(g => new
            {
                g.Example,
                g.Count,
                g.FirstSeen,
                g.LastSeen,
                g.Samples,
                g.Reasons,
                // The language (code) most of the questions were written in, its Swedish name, and the count per language.
                g.Language,
                languageName = Knowledge.LanguageCodes.TryFromCode(g.Language) is { } name && Knowledge.LanguageCodes.IsKnown(g.Language) ? name.SwedishName() : g.Language,
                g.Languages,
                suggestedEntries = g.SuggestedEntries.Select(entries.Find).OfType<KnowledgeEntry>().Select(e => new { e.Id, e.Question, e.Topic, answer = e.Answer.Sv }),
            }));
        }).RequireAuthorization(GuidePolicies.Guide);

        return app;
    }
}

/// <summary>Settings of the learning inbox (configuration section "Learning").</summary>
internal sealed record LearningOptions
{
    public const string SectionName = "Learning";

    /// <summary>Answers below this confidence are shown in the learning inbox.</summary>
    public double LowConfidence { get; init; } = 0.7;
}
