using Bot.Statistics;
using Dialogs.Learning;

namespace Bot.Tests;

/// <summary>The statistics definitions (README "Statistics") on a scripted set of conversations.</summary>
public class StatisticsDefinitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static StatTurn Turn(string conversation, string at, string outcome, string? answerId = null, string? topic = null,
        string channel = "directline", string language = "sv", string? feedback = null, string route = "bot", string? caseId = null,
        double? wait = null, int? rating = null, bool abandoned = false, double confidence = 0.9) =>
        new(conversation, channel, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), feedback is null ? "fråga" : null,
            outcome, answerId, confidence, language, topic, answerId, feedback, null, route, caseId, 2.0, wait, rating, abandoned);

    private static readonly StatTurn[] Script =
    [
        // A: answered, and the resident said it helped.
        Turn("A", "2026-11-24T08:00:00Z", "answer", "lib-card-get", "Bibliotek"),
        Turn("A", "2026-11-24T08:01:00Z", "smalltalk", "lib-card-get", feedback: FeedbackValues.Helpful),
        // B: offered options at 09:00 and left: abandoned.
        Turn("B", "2026-11-24T09:00:00Z", "clarify", topic: "Avfall"),
        // C (Messenger, English): not answered, then handed to a guide who picked up after 120 s and got a 4.
        Turn("C", "2026-11-24T10:00:00Z", "fallback", channel: "messenger", language: "en"),
        Turn("C", "2026-11-24T10:01:00Z", "handoff", channel: "messenger", language: "en", route: "queued", caseId: "C-1", wait: 120, rating: 4),
        Turn("C", "2026-11-24T10:05:00Z", "relay", channel: "messenger", language: "en", route: "guide", caseId: "C-1"),
        // D: answered, "Nej", chose another option and got an answer: contained.
        Turn("D", "2026-11-24T09:00:00Z", "answer", "waste-bin-placement", "Avfall"),
        Turn("D", "2026-11-24T09:01:00Z", "clarify", feedback: FeedbackValues.NotHelpful),
        Turn("D", "2026-11-24T09:02:00Z", "answer", "waste-missed-pickup", "Avfall"),
        // E: queued for a guide, nobody picked it up: handed off and abandoned.
        Turn("E", "2026-11-24T09:30:00Z", "handoff", route: "queued", caseId: "C-2", abandoned: true),
        // F: offered options 10 minutes ago: not (yet) abandoned.
        Turn("F", "2026-11-24T11:50:00Z", "clarify"),
        // G: small talk and an emergency only: a conversation without questions.
        Turn("G", "2026-11-24T09:00:00Z", "smalltalk"),
        Turn("G", "2026-11-24T09:01:00Z", "emergency"),
        // H: the day before (Stockholm), answered.
        Turn("H", "2026-11-23T10:00:00Z", "answer", "lib-card-lost", "Bibliotek"),
        // I, J: picked up after 600 s and 60 s.
        Turn("I", "2026-11-24T10:00:00Z", "handoff", route: "queued", caseId: "C-3", wait: 600),
        Turn("J", "2026-11-24T10:00:00Z", "handoff", route: "queued", caseId: "C-4", wait: 60),
        // K: left a message after hours: handed off, no pickup wait.
        Turn("K", "2026-11-24T06:00:00Z", "handoff", route: "message", caseId: "C-5"),
    ];

    private static StatisticsReport Report => StatisticsCalculator.Compute(Script, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24), Now);

    [Fact]
    public void QuestionsAreTheSumOfTheirOutcomes_FeedbackAndSmallTalkAreNotQuestions()
    {
        var report = Report;

        Assert.Equal(11, report.Conversations);
        Assert.Equal(12, report.Questions);
        Assert.Equal(4, report.Answered);
        Assert.Equal(2, report.Clarified);
        Assert.Equal(5, report.HandedOff);
        Assert.Equal(1, report.Declined);
        Assert.Equal(report.Questions, report.Answered + report.Clarified + report.HandedOff + report.Declined);
        Assert.Equal(1, report.Emergencies);
    }

    [Fact]
    public void Abandoned_IsUnresolvedAndSilentForThirtyMinutes_OrUnpickedFromTheQueue()
    {
        Assert.Equal(2, Report.Abandoned); // B and E; F is only 10 minutes old, D chose another option.
    }

    [Fact]
    public void Containment_IsTheShareOfConversationsWithQuestionsNeitherHandedOffNorAbandoned()
    {
        // With questions: A B C D E F H I J K = 10; contained: A D F H = 4.
        Assert.Equal(0.4, Report.ContainmentRate);
        Assert.Equal(5, Report.HandedOffConversations);
    }

    [Fact]
    public void PickupWait_MedianAndNearestRankP90_OfLiveQueueCasesOnly()
    {
        var report = Report;

        Assert.Equal(3, report.Pickups);
        Assert.Equal(120, report.PickupWaitMedianSeconds);
        Assert.Equal(600, report.PickupWaitP90Seconds);
        Assert.Equal(90, StatisticsCalculator.Median([60, 120]));
        Assert.Equal(9, StatisticsCalculator.NearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9));
        Assert.Equal(10, StatisticsCalculator.NearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9));
    }

    [Fact]
    public void Ratings_CountVerdictsAndGuideScores()
    {
        var ratings = Report.Ratings;

        Assert.Equal(1, ratings.Helpful);
        Assert.Equal(1, ratings.NotHelpful);
        Assert.Equal(0.5, ratings.HelpfulShare);
        Assert.Equal(1, ratings.Guide.Count);
        Assert.Equal(4, ratings.Guide.Average);
        Assert.Equal(1, ratings.Guide.ByScore["4"]);
    }

    [Fact]
    public void TopicsChannelsLanguagesAndDays()
    {
        var report = Report;

        Assert.Equal(["Avfall", "Bibliotek"], report.Topics.Select(t => t.Topic));
        Assert.Equal(3, report.Topics[0].Questions);
        Assert.Equal(2, report.Topics[0].Answered);
        Assert.Equal(1, report.ByChannel["messenger"].Conversations);
        Assert.Equal(2, report.ByChannel["messenger"].Questions);
        Assert.Equal(10, report.ByChannel["directline"].Conversations);
        Assert.Equal(1, report.ByLanguage["en"].Conversations);
        Assert.Equal(["2026-11-23", "2026-11-24"], report.ByDay.Select(d => d.Date));
        Assert.Equal(1, report.ByDay[0].Conversations);
        Assert.Equal(10, report.ByDay[1].Conversations);
        Assert.Equal(report.Conversations, report.ByDay.Sum(d => d.Conversations));
    }

    [Fact]
    public void Csv_HasADayRowPerDayAndTheTotal()
    {
        var csv = StatisticsCsv.Write(Report).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("date,conversations,questions,answered,clarified,handedOff,declined,abandoned,containmentRate,handedOffConversations", csv[0]);
        Assert.Equal("2026-11-23,1,1,1,0,0,0,0,1,0", csv[1]);
        Assert.Equal("2026-11-23..2026-11-24,11,12,4,2,5,1,2,0.4,5", csv[3]);
        Assert.Contains("pickupWaitMedianSeconds,120", csv);
        Assert.Contains("\"Avfall\",3,2", csv);
    }
}
