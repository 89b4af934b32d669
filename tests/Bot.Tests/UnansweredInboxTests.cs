using Bot.Statistics;
using Dialogs.Learning;

namespace Bot.Tests;

public class UnansweredInboxTests
{
    private static DateTimeOffset At(int day, int hour = 10) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    private static UnansweredQuestion Q(string text, DateTimeOffset at, string reason = UnansweredInbox.NotAnswered, string? entry = null) =>
        new(text, at, "fallback", 0.1, reason, entry);

    [Fact]
    public void SimilarWordings_AreGrouped_AndGroupsRankedByFrequency()
    {
        var groups = UnansweredInbox.Group(
        [
            Q("Vad kostar en kanot?", At(20)),
            Q("Kan man parkera husbil på gatan?", At(20)),
            Q("Hur lämnar jag grovsopor?", At(21)),
            Q("parkera husbil på gatan", At(21)),
            Q("Får jag parkera en husbil på gatan vid mitt hus?", At(22)),
            Q("lämna grovsopor", At(22), UnansweredInbox.Clarified, "waste-bulky"),
            Q("[telefon] parkera husbil på gatan", At(23), UnansweredInbox.NotHelpful, "parking-resident"),
        ]);

        Assert.Equal(3, groups.Count);
        var parking = groups[0];
        Assert.Equal(4, parking.Count);
        Assert.Equal("parkera husbil på gatan", parking.Example);
        Assert.Equal(At(20), parking.FirstSeen);
        Assert.Equal(At(23), parking.LastSeen);
        Assert.Equal("[telefon] parkera husbil på gatan", parking.Samples[0].Text);
        Assert.Equal(3, parking.Reasons[UnansweredInbox.NotAnswered]);
        Assert.Equal(1, parking.Reasons[UnansweredInbox.NotHelpful]);
        Assert.Equal(["parking-resident"], parking.SuggestedEntries);
        Assert.Equal(2, groups[1].Count);
        Assert.Equal(["Hur lämnar jag grovsopor?", "lämna grovsopor"], groups[1].Samples.Select(s => s.Text).Order());
        Assert.Equal("Vad kostar en kanot?", groups[2].Example);
    }

    [Fact]
    public void EachGroupAndSample_ShowsTheLanguageTheQuestionsWereWrittenIn()
    {
        StatTurn T(string text, string language, int day) =>
            new("c" + day, "directline", At(day), text, "fallback", null, 0.1, language, null, null, null, null, "bot", null, 1);

        var questions = new[] { T("Voiko kanootin vuokrata?", "fi", 20), T("voiko kanootin vuokrata", "fi", 21), T("Kan man hyra kanot?", "sv", 22) }
            .Select(t => UnansweredInbox.Select(t, 0.6, 0.7)).OfType<UnansweredQuestion>().ToList();
        var groups = UnansweredInbox.Group(questions);

        Assert.Equal("fi", questions[0].Language);
        var finnish = Assert.Single(groups, g => g.Count == 2);
        Assert.Equal("fi", finnish.Language);
        Assert.Equal(2, finnish.Languages["fi"]);
        Assert.All(finnish.Samples, s => Assert.Equal("fi", s.Language));
        Assert.Equal("sv", Assert.Single(groups, g => g.Count == 1).Language);
    }

    [Fact]
    public void Similarity_IsTheJaccardOfStemmedWordsWithoutStopWords()
    {
        Assert.Equal(UnansweredInbox.Terms("Hur lämnar jag grovsopor?"), UnansweredInbox.Terms("lämna grovsopor"));
        Assert.Empty(UnansweredInbox.Terms("Hur gör jag?"));
        Assert.Equal(0.5, UnansweredInbox.Jaccard(new HashSet<string> { "a", "b" }, new HashSet<string> { "b", "c", "a", "d" }));
        Assert.Equal(0, UnansweredInbox.Jaccard(new HashSet<string> { "a" }, new HashSet<string> { "b" }));
    }

    [Fact]
    public void OnlyQuestionsTheBotDidNotAnswerWell_AreInTheInbox()
    {
        StatTurn T(string outcome, double confidence, string? answerId = null, string? verdict = null, string? feedback = null, string? text = "fråga") =>
            new("c", "directline", At(20), text, outcome, answerId, confidence, "sv", null, "top-entry", feedback, verdict, "bot", null, 1);

        Assert.Equal(UnansweredInbox.NotAnswered, UnansweredInbox.Select(T("fallback", 0.1), 0.6, 0.7)?.Reason);
        Assert.Equal(UnansweredInbox.NotAnswered, UnansweredInbox.Select(T("handoff", 0.2), 0.6, 0.7)?.Reason);
        Assert.Equal(UnansweredInbox.Clarified, UnansweredInbox.Select(T("clarify", 0.4), 0.6, 0.7)?.Reason);
        Assert.Equal(UnansweredInbox.LowConfidence, UnansweredInbox.Select(T("answer", 0.65, "e1"), 0.6, 0.7)?.Reason);
        Assert.Equal(UnansweredInbox.NotHelpful, UnansweredInbox.Select(T("answer", 0.95, "e1", FeedbackValues.NotHelpful), 0.6, 0.7)?.Reason);
        Assert.Equal("top-entry", UnansweredInbox.Select(T("fallback", 0.1), 0.6, 0.7)?.EntryId);
        Assert.Null(UnansweredInbox.Select(T("answer", 0.95, "e1"), 0.6, 0.7));
        Assert.Null(UnansweredInbox.Select(T("handoff", 1.0), 0.6, 0.7)); // asked for a person
        Assert.Null(UnansweredInbox.Select(T("handoff", 0.9, "own-case"), 0.6, 0.7)); // an entry marked handoff
        Assert.Null(UnansweredInbox.Select(T("clarify", 0.4, feedback: FeedbackValues.NotHelpful, text: null), 0.6, 0.7));
        Assert.Null(UnansweredInbox.Select(T("smalltalk", 1.0), 0.6, 0.7));
    }
}
