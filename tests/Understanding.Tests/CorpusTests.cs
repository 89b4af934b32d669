using Knowledge.Content;
using Understanding.Corpus;

namespace Understanding.Tests;

/// <summary>The shipped corpus: valid, large and varied enough, and its validation part kept apart.</summary>
public sealed class CorpusTests
{
    private static IReadOnlyList<CorpusMessage> Train => Shipped.Part(CorpusReader.TrainFolder);

    private static IReadOnlyList<CorpusMessage> Validation => Shipped.Part(CorpusReader.ValidationFolder);

    [Fact]
    public void Corpus_IsLargeAndVariedAsTheIssueAsks()
    {
        var all = Train.Concat(Validation).ToList();
        Assert.True(Train.Count >= 2500, $"{Train.Count} training messages");
        Assert.True(all.Count(m => MessageIntent.IsDanger(m.Intent)) >= 300);
        Assert.True(all.Count(m => m.Has("near-miss")) >= 300);
        Assert.True(Share(all, m => m.Has("long")) >= 0.30, "long messages");
        Assert.True(Share(all.Where(m => m.Lang is "sv" or "en").ToList(), m => m.Lang == "en") >= 0.25, "English (of the Swedish and English lines)");
        Assert.True(Share(all, m => m.Has("typo") || m.Has("noaccents")) >= 0.20, "typos or no å/ä/ö");
        foreach (var intent in MessageIntent.All)
        {
            Assert.True(all.Count(m => m.Intent == intent) >= 100, $"too few `{intent}` messages");
        }
    }

    /// <summary>Issue 14: about 500 training and 200 validation lines per translated language, every intent in each.</summary>
    [Theory]
    [InlineData("fi")]
    [InlineData("ar")]
    [InlineData("fa")]
    [InlineData("so")]
    public void EachTranslatedLanguage_HasItsOwnTrainingAndValidationLines(string language)
    {
        Assert.True(Train.Count(m => m.Lang == language) >= 450, $"{language} training lines");
        Assert.True(Validation.Count(m => m.Lang == language) >= 200, $"{language} validation lines");
        foreach (var intent in MessageIntent.All.Where(i => i != MessageIntent.Feedback))
        {
            Assert.True(Train.Count(m => m.Lang == language && m.Intent == intent) >= 5, $"too few {language} `{intent}` training lines");
        }
    }

    [Fact]
    public void EveryEntry_HasSeveralTrainingMessages()
    {
        var perEntry = Train.Where(m => m.Entry is not null).GroupBy(m => m.Entry!).ToDictionary(g => g.Key, g => g.Count());
        var thin = Shipped.Index.Knowledge.Entries.Where(e => perEntry.GetValueOrDefault(e.Id) < 6).Select(e => e.Id).ToList();
        Assert.Empty(thin);
    }

    [Fact]
    public void ValidationPart_SharesNoMessageWithTheTrainingPart()
    {
        var overlap = new List<ContentProblem>();
        CorpusReader.CheckOverlap(Train, Validation, overlap);
        Assert.Empty(overlap);
        var trainWriters = Train.Select(t => t.Writer).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(Validation, m => trainWriters.Contains(m.Writer));
    }

    [Fact]
    public void Reader_ReportsBadLinesWithFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("corpus-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "train"));
            File.WriteAllLines(Path.Combine(folder.FullName, "train", "x.jsonl"),
            [
                """{"text": "var är biblioteket", "lang": "sv", "intent": "question", "entry": "lib-branches", "tags": [], "writer": "x"}""",
                """{"text": "hej", "lang": "sv", "intent": "greeting", "tags": [], "writer": "x"}""",
                """{"text": "vad kostar det", "lang": "sv", "intent": "question", "entry": "no-such-entry", "tags": [], "writer": "x"}""",
                """{"text": "vad kostar det", "lang": "de", "intent": "question", "entry": "lib-branches", "tags": [], "writer": "x"}""",
                "not json",
                """{"text": "tack", "lang": "sv", "intent": "question", "tags": [], "writer": "x"}""",
            ]);
            var problems = new List<ContentProblem>();
            var messages = CorpusReader.ReadPart(folder.FullName, "train", Shipped.Index.Knowledge, problems);
            Assert.Equal([2, 3, 4, 5, 6], problems.Select(p => p.Line).ToArray());
            Assert.All(problems, p => Assert.Equal(Path.Combine("train", "x.jsonl"), p.File));
            Assert.Contains(problems, p => p.Line == 3 && p.Message.Contains("no-such-entry", StringComparison.Ordinal));
            Assert.Equal(2, messages.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static double Share(IReadOnlyList<CorpusMessage> messages, Func<CorpusMessage, bool> predicate) =>
        (double)messages.Count(predicate) / messages.Count;
}
