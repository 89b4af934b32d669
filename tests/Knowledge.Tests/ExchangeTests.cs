using Knowledge.Content;
using Knowledge.Exchange;

namespace Knowledge.Tests;

public class ExchangeTests
{
    private const string Topics = "topics:\n  - name: bibliotek\n    group: Allmänna frågor\n  - name: parkering\n    group: Parkering\n";

    private const string Library =
        "topic: bibliotek\n" +
        "entries:\n" +
        "  - id: lib-card\n" +
        "    question: Hur får jag ett lånekort?\n" +
        "    alternatives:\n" +
        "      - Var skaffar jag lånekort?\n" +
        "      - \"lånekort: pris\"\n" +
        "    questions_en:\n" +
        "      - How do I get a library card?\n" +
        "    answer:\n" +
        "      sv: |-\n" +
        "        Du får ett lånekort på biblioteket.\n" +
        "\n" +
        "        Ta med legitimation.\n" +
        "      en: You get a card at any library.\n" +
        "    source: https://goteborg.se/bibliotek/lanekort\n" +
        "    followups:\n" +
        "      - lib-lost-card\n" +
        "    offer_guide: true\n" +
        "\n" +
        "  - id: lib-lost-card\n" +
        "    question: Jag har tappat mitt lånekort\n" +
        "    alternatives:\n" +
        "      - borttappat lånekort\n" +
        "    answer:\n" +
        "      sv: Spärra kortet på Mina sidor.\n" +
        "      en: Block the card on My pages.\n" +
        "    source: https://goteborg.se/bibliotek/sparra\n" +
        "    context_only: true\n" +
        "    valid:\n" +
        "      from: 2024-01-01\n" +
        "\n" +
        "  - id: parking-own-case\n" +
        "    topic: parkering\n" +
        "    question: Var är mitt ärende om boendeparkering?\n" +
        "    alternatives:\n" +
        "      - status på min ansökan om p-tillstånd\n" +
        "    answer:\n" +
        "      sv: En vägledare hjälper dig.\n" +
        "      en: A service guide will help you.\n" +
        "    source: https://goteborg.se/parkering\n" +
        "    handoff: true\n";

    [Fact]
    public void TsvExportThenImport_GivesBackTheSameEntries()
    {
        var original = Load(ContentFolder.Create(new Dictionary<string, string> { ["topics.yaml"] = Topics, ["entries/bibliotek.yaml"] = Library }));
        var notes = new List<ExchangeNote>();

        var tsv = QnaTsv.Write(QnaConverter.ToPairs(original, notes));
        var pairs = QnaTsv.Read(tsv, "kb.tsv", notes);
        var imported = QnaConverter.ToEntries(pairs, new ImportDefaults(original.Topics, "bibliotek", null), "kb.tsv", notes);
        var reloaded = Load(WriteContent(imported));

        Assert.Empty(notes);
        Assert.Equal(original.Entries.Select(Comparable), reloaded.Entries.Select(Comparable));
        Assert.Equal(QnaTsv.Columns, tsv.Split('\n')[0].Split('\t'));
    }

    [Fact]
    public void QnaMakerTsv_AlternatesMetadataAndPrompts_BecomeOneEntryEach()
    {
        var tsv =
            "Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId\tSourceDisplayName\n" +
            "Hur ansöker jag om p-tillstånd?\tAnsök i e-tjänsten.\thttps://goteborg.se/p\tcategory:parkering|owner:kc\t[]\tFalse\t[{\"DisplayOrder\":1,\"QnaId\":7,\"DisplayText\":\"Vad kostar det?\"}]\t3\tEditorial\n" +
            "ansöka parkeringstillstånd\tAnsök i e-tjänsten.\thttps://goteborg.se/p\tcategory:parkering|owner:kc\t[]\tFalse\t[{\"DisplayOrder\":1,\"QnaId\":7,\"DisplayText\":\"Vad kostar det?\"}]\t3\tEditorial\n" +
            "Vad kostar boendeparkering?\t\"Det kostar\t\"\"olika\"\"\nberoende på zon.\"\tEditorial\t\t[]\tTrue\t[]\t7\tEditorial\n";
        var notes = new List<ExchangeNote>();

        var pairs = QnaTsv.Read(tsv, "kb.tsv", notes);
        var entries = QnaConverter.ToEntries(pairs, new ImportDefaults([new Topic("parkering", "Parkering"), new Topic("övrigt", "Allmänna frågor")], "övrigt", "https://goteborg.se"), "kb.tsv", notes);

        Assert.Equal(2, entries.Count);
        var apply = entries[0];
        Assert.Equal("qna-3", apply.Id);
        Assert.Equal("parkering", apply.Topic);
        Assert.Equal("Hur ansöker jag om p-tillstånd?", apply.Question);
        Assert.Equal(["ansöka parkeringstillstånd"], apply.Alternatives);
        Assert.Equal(["qna-7"], apply.Followups);
        var cost = entries[1];
        Assert.Equal("Det kostar\t\"olika\"\nberoende på zon.", cost.Answer.Sv);
        Assert.True(cost.ContextOnly);
        Assert.Equal("övrigt", cost.Topic);
        Assert.Equal("https://goteborg.se", cost.Source);
        Assert.Contains(notes, n => n.Message.Contains("only one question", StringComparison.Ordinal) && n.Where.Contains("qna-7", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Message.Contains("English answer", StringComparison.Ordinal));
    }

    [Fact]
    public void AzureQuestionAnsweringJson_ImportsAsValidContent()
    {
        var json = """
            {
              "api-version": "2021-10-01",
              "stringIndexType": "Utf16CodeUnit",
              "metadata": { "projectName": "stadsbot", "language": "sv" },
              "assets": {
                "qnas": [
                  {
                    "id": 1,
                    "answer": "Du får ett lånekort på biblioteket.",
                    "source": "https://goteborg.se/bibliotek/lanekort",
                    "questions": [ "Hur får jag ett lånekort?", "Var skaffar jag lånekort?" ],
                    "metadata": { "topic": "bibliotek" },
                    "dialog": { "isContextOnly": false, "prompts": [ { "displayOrder": 1, "qnaId": 2, "displayText": "Tappat kortet?" } ] },
                    "lastUpdatedDateTime": "2024-05-01T17:21:14Z"
                  },
                  {
                    "id": 2,
                    "answer": "Spärra kortet på Mina sidor.",
                    "source": "https://goteborg.se/bibliotek/sparra",
                    "questions": [ "Jag har tappat mitt lånekort", "borttappat lånekort" ],
                    "metadata": { "topic": "bibliotek" },
                    "dialog": { "isContextOnly": true, "prompts": [] }
                  }
                ],
                "synonyms": [ { "alterations": [ "lånekort", "bibliotekskort" ] } ]
              }
            }
            """;
        var notes = new List<ExchangeNote>();

        var pairs = QnaJson.Read(json, "export.json", notes);
        var entries = QnaConverter.ToEntries(pairs, new ImportDefaults([new Topic("bibliotek", "Allmänna frågor")], "bibliotek", null), "export.json", notes);
        var loaded = Load(WriteContent(entries));

        Assert.Equal(["qna-1", "qna-2"], loaded.Entries.Select(e => e.Id));
        Assert.Equal(["qna-2"], loaded.Find("qna-1")!.Followups);
        Assert.True(loaded.Find("qna-2")!.ContextOnly);
        Assert.Equal("Var skaffar jag lånekort?", loaded.Find("qna-1")!.Alternatives.Single());
    }

    private static KnowledgeBase Load(string content)
    {
        var result = ContentLoader.Load(content);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Knowledge!;
    }

    private static string WriteContent(IReadOnlyList<KnowledgeEntry> entries)
    {
        var files = entries.GroupBy(e => e.Topic).ToDictionary(g => $"entries/import-{g.Key}.yaml", g => EntryYamlWriter.Write(g.Key, g));
        files["topics.yaml"] = Topics;
        return ContentFolder.Create(files);
    }

    private static string Comparable(KnowledgeEntry e) => string.Join(" | ",
        e.Id, e.Topic, e.Question, string.Join(";", e.Alternatives), string.Join(";", e.QuestionsEn), e.Answer.Sv, e.Answer.En, e.Source,
        string.Join(";", e.Followups), e.OfferGuide, e.Handoff, e.Sample, e.ContextOnly, e.Valid?.From, e.Valid?.To);
}
