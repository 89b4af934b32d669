using System.Globalization;
using System.Text;

namespace Bot.Statistics;

/// <summary>The statistics as CSV for a spreadsheet: one row per day, then the period's total.</summary>
internal static class StatisticsCsv
{
    public static string Write(StatisticsReport report)
    {
        var csv = new StringBuilder();
        csv.AppendLine("date,conversations,questions,answered,clarified,handedOff,declined,abandoned,containmentRate,handedOffConversations");
        foreach (var day in report.ByDay)
        {
            Row(csv, day.Date, day.Conversations, day.Questions, day.Answered, day.Clarified, day.HandedOff, day.Declined, day.Abandoned, day.ContainmentRate, day.HandedOffConversations);
        }
        Row(csv, $"{report.From}..{report.To}", report.Conversations, report.Questions, report.Answered, report.Clarified, report.HandedOff,
            report.Declined, report.Abandoned, report.ContainmentRate, report.HandedOffConversations);
        csv.AppendLine();
        csv.AppendLine("measure,value");
        Pair(csv, "pickupWaitMedianSeconds", report.PickupWaitMedianSeconds);
        Pair(csv, "pickupWaitP90Seconds", report.PickupWaitP90Seconds);
        Pair(csv, "pickups", report.Pickups);
        Pair(csv, "helpful", report.Ratings.Helpful);
        Pair(csv, "notHelpful", report.Ratings.NotHelpful);
        Pair(csv, "guideRatings", report.Ratings.Guide.Count);
        Pair(csv, "guideRatingAverage", report.Ratings.Guide.Average);
        Pair(csv, "emergencies", report.Emergencies);
        Pair(csv, "messagesLeft", report.MessagesLeft);
        Pair(csv, "messagesAnsweredWithin24h", report.MessagesAnsweredWithin24h);
        Pair(csv, "messagesAnsweredWithin24hRate", report.MessagesAnsweredWithin24hRate);
        csv.AppendLine();
        // Per language (code): the conversations whose first question was answered in it.
        csv.AppendLine("language,conversations,questions,answered,clarified,handedOff,declined,abandoned,containmentRate,handedOffConversations");
        foreach (var (language, c) in report.ByLanguage)
        {
            Row(csv, Quote(language), c.Conversations, c.Questions, c.Answered, c.Clarified, c.HandedOff, c.Declined, c.Abandoned, c.ContainmentRate, c.HandedOffConversations);
        }
        csv.AppendLine();
        csv.AppendLine("topic,questions,answered");
        foreach (var topic in report.Topics)
        {
            csv.Append(Quote(topic.Topic)).Append(',').Append(topic.Questions.ToString(CultureInfo.InvariantCulture)).Append(',')
                .AppendLine(topic.Answered.ToString(CultureInfo.InvariantCulture));
        }
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string label, params object[] values) =>
        csv.AppendLine(string.Join(',', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).Prepend(label)));

    private static void Pair(StringBuilder csv, string name, object? value) =>
        csv.Append(name).Append(',').AppendLine(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    /// <summary>Quoted, and a leading = + - @ neutralized so that a spreadsheet does not run it as a formula.</summary>
    private static string Quote(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
