using Bot.Commands;
using Knowledge;
using Knowledge.Content;

namespace Bot.Tests;

public class KnowledgeExchangeCommandTests
{
    [Fact]
    public void ExportThenImport_OfTheShippedContent_GivesBackEveryEntry()
    {
        using var content = new ContentCopy();
        var work = Directory.CreateTempSubdirectory("kb-exchange-").FullName;
        var tsv = Path.Combine(work, "kb.tsv");
        var output = Path.Combine(work, "imported");
        Directory.CreateDirectory(output);
        File.Copy(content.File("topics.yaml"), Path.Combine(output, "topics.yaml"));
        var setting = "--Knowledge:ContentDirectory=" + content.Path;

        Assert.Equal(0, KnowledgeExportCommand.Run([tsv, setting]));
        Assert.StartsWith("Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId\n", File.ReadAllText(tsv), StringComparison.Ordinal);
        Assert.Equal(0, KnowledgeImportCommand.Run([tsv, "--out", output, setting]));

        var original = Load(content.Path);
        var imported = Load(output);
        Assert.Equal(original.Entries.OrderBy(e => e.Id).Select(Comparable), imported.Entries.OrderBy(e => e.Id).Select(Comparable));
        Assert.Equal(1, KnowledgeImportCommand.Run([tsv, "--out", output, setting])); // never overwrites
    }

    [Fact]
    public void ImportIntoAFolderBesideTheContent_ReportsClashesWithTheLiveContent()
    {
        using var content = new ContentCopy();
        var work = Directory.CreateTempSubdirectory("kb-exchange-").FullName;
        var json = Path.Combine(work, "export.json");
        File.WriteAllText(json, """
            { "assets": { "qnas": [
              { "id": 1, "answer": "Ring kontaktcenter.", "source": "https://goteborg.se", "questions": ["Hur når jag staden?", "kontakt staden"], "metadata": { "entry": "snow-who-responsible" } },
              { "id": 2, "answer": "Öppet dygnet runt.", "source": "https://goteborg.se", "questions": ["När är parken öppen?", "parkens öppettider"], "metadata": { "topic": "övrigt" } }
            ] } }
            """);

        var exit = KnowledgeImportCommand.Run([json, "--out", Path.Combine(work, "out"), "--Knowledge:ContentDirectory=" + content.Path]);

        Assert.Equal(1, exit);
        var written = File.ReadAllText(Path.Combine(work, "out", "entries", "import-ovrigt.yaml"));
        Assert.Contains("  - id: qna-2\n", written, StringComparison.Ordinal);
        Assert.Contains("  - id: snow-who-responsible\n", written, StringComparison.Ordinal);
    }

    private static KnowledgeBase Load(string directory)
    {
        var result = ContentLoader.Load(directory);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Knowledge!;
    }

    // Rule periods are not part of the QnA format (the export says so); everything else must survive.
    private static string Comparable(KnowledgeEntry e) => string.Join(" | ",
        e.Id, e.Topic, e.Question, string.Join(";", e.Alternatives), string.Join(";", e.QuestionsEn), e.Answer.Sv, e.Answer.En, e.Source,
        string.Join(";", e.Followups), e.OfferGuide, e.Handoff, e.Sample, e.ContextOnly, e.Valid?.From, e.Valid?.To);
}
