using Knowledge.Content;

namespace Knowledge.Tests;

public class ContentLoaderTests
{
    private const string ValidEntry = """
        topic: bibliotek
        entries:
          - id: lib-card
            question: Hur skaffar jag bibliotekskort?
            alternatives:
              - Var får jag lånekort?
            questions_en:
              - How do I get a library card?
            answer:
              sv: Ta med legitimation till valfritt bibliotek.
              en: Bring ID to any library.
            source: https://goteborg.se/bibliotek
        """;

    [Fact]
    public void Load_ShippedContent_HasNoProblemsAndWellOver150Entries()
    {
        var result = ContentLoader.Load(ContentFolder.Shipped());

        Assert.Empty(result.Problems);
        Assert.True(result.Knowledge!.Entries.Count > 150, $"only {result.Knowledge.Entries.Count} entries");
        Assert.All(result.Knowledge.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Answer.En), $"{e.Id} has no English answer");
            Assert.StartsWith("http", e.Source, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Load_ShippedContent_CoversEveryTopicOfTheFactSheet()
    {
        var knowledge = ContentLoader.Load(ContentFolder.Shipped()).Knowledge!;
        string[] topics = ["kontaktcenter", "snöröjning", "bibliotek", "bad", "avfall", "parkering", "förskola", "skola",
            "äldreomsorg", "bygglov", "felanmälan", "träd och tomt", "covid-19", "hänvisningar"];

        foreach (var topic in topics)
        {
            Assert.Contains(knowledge.Entries, e => e.Topic == topic);
        }
    }

    [Fact]
    public void Load_ValidFile_ReadsAllFields()
    {
        var root = ContentFolder.Create(new Dictionary<string, string> { ["entries/bibliotek.yaml"] = ValidEntry });

        var result = ContentLoader.Load(root);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var entry = Assert.Single(result.Knowledge!.Entries);
        Assert.Equal("lib-card", entry.Id);
        Assert.Equal("bibliotek", entry.Topic);
        Assert.Equal(["Var får jag lånekort?"], entry.Alternatives);
        Assert.Equal("Bring ID to any library.", entry.Answer.En);
        Assert.Equal(new SourceLocation("entries/bibliotek.yaml", 3), entry.Location);
    }

    [Fact]
    public void Load_MissingFields_ReportsFileAndLineOfTheEntry()
    {
        var root = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/bibliotek.yaml"] = ValidEntry + """

                  - id: lib-broken
                    question: Vad kostar det?
                    alternatives: [Kostar det något?]
                """,
        });

        var problems = ContentLoader.Load(root).Problems;

        Assert.Contains(problems, p => p.File == "entries/bibliotek.yaml" && p.Line == 13 && p.Message.Contains("`answer`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 13 && p.Message.Contains("`source`", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateIdsAcrossFiles_ReportsBothPlaces()
    {
        var root = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/a.yaml"] = ValidEntry,
            ["entries/b.yaml"] = ValidEntry,
        });

        var problem = Assert.Single(ContentLoader.Load(root).Problems);

        Assert.Equal("entries/b.yaml", problem.File);
        Assert.Contains("entries/a.yaml:3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenFollowup_IsReported()
    {
        var root = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/bibliotek.yaml"] = ValidEntry + "\n    followups: [lib-missing]\n",
        });

        var problem = Assert.Single(ContentLoader.Load(root).Problems);

        Assert.Contains("lib-missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_ReportsTheLine()
    {
        var root = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/bibliotek.yaml"] = "topic: bibliotek\nentries:\n  - id: x\n    question: \"unterminated\n",
        });

        var problems = ContentLoader.Load(root).Problems;

        var problem = Assert.Single(problems, p => p.File == "entries/bibliotek.yaml");
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 4);
    }

    [Fact]
    public void Load_OverlappingSynonymGroups_AreReportedWithBothLines()
    {
        var root = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/bibliotek.yaml"] = ValidEntry,
            ["synonyms/a.txt"] = "# comment\nbibblan, bibban => bibliotek\n",
            ["synonyms/b.txt"] = "lånekort, bibblan\n",
        });

        var problem = Assert.Single(ContentLoader.Load(root).Problems);

        Assert.Equal(new ContentProblem("synonyms/b.txt", 1, problem.Message), problem);
        Assert.Contains("synonyms/a.txt:2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTopicBadIdAndBadDate_AreEachReported()
    {
        var root = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/x.yaml"] = """
                topic: okänt
                entries:
                  - id: Bad_Id
                    question: Fråga?
                    alternatives: [Annan fråga?]
                    answer: { sv: Svar., en: Answer. }
                    source: https://goteborg.se
                    valid: { from: 2024-13-01 }
                """,
        });

        var messages = ContentLoader.Load(root).Problems.Select(p => p.Message).ToList();

        Assert.Contains(messages, m => m.Contains("okänt", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Bad_Id", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("YYYY-MM-DD", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OverlappingPeriods_AreReported()
    {
        var root = ContentFolder.Create(new Dictionary<string, string>
        {
            ["entries/x.yaml"] = """
                topic: bibliotek
                entries:
                  - id: rule
                    question: Fråga?
                    alternatives: [Annan fråga?]
                    answer: { sv: Nu., en: Now. }
                    source: https://goteborg.se
                    periods:
                      - { from: 2020-03-12, to: 2020-04-01, answer: { sv: A., en: A. } }
                      - { from: 2020-03-29, answer: { sv: B., en: B. } }
                """,
        });

        Assert.Contains(ContentLoader.Load(root).Problems, p => p.Message.Contains("overlap", StringComparison.Ordinal));
    }

    [Fact]
    public void PeriodAt_PicksThePeriodCoveringTheDate()
    {
        var entry = new KnowledgeEntry
        {
            Id = "x", Topic = "t", Question = "q", Answer = new LocalizedText("now", "now"), Source = "https://x",
            Location = new SourceLocation("f", 1),
            Periods =
            [
                new RulePeriod(new DateOnly(2020, 3, 12), new DateOnly(2020, 3, 28), new LocalizedText("500", "500")),
                new RulePeriod(new DateOnly(2020, 3, 29), new DateOnly(2020, 11, 23), new LocalizedText("50", "50")),
            ],
        };

        Assert.Equal("50", entry.PeriodAt(new DateOnly(2020, 4, 15))!.Answer.Sv);
        Assert.Equal("500", entry.PeriodAt(new DateOnly(2020, 3, 28))!.Answer.Sv);
        Assert.Null(entry.PeriodAt(new DateOnly(2021, 1, 1)));
    }
}
