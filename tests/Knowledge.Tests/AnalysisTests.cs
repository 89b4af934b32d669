using Knowledge.Analysis;
using Knowledge.Content;
using Knowledge.Search;

namespace Knowledge.Tests;

public class AnalysisTests
{
    private static readonly Lazy<CityAnalysis> Analysis = new(() => CityAnalysis.Build(ContentLoader.Load(ContentFolder.Shipped()).Knowledge!));

    private static List<string> Terms(string field, string text) => Analysis.Value.Terms(field, text);

    [Theory]
    [InlineData("förskolan", "förskola")]
    [InlineData("gatorna", "gata")]
    [InlineData("biblioteket", "bibliotek")]
    [InlineData("tillståndet", "tillstånd")]
    public void Swedish_InflectedForm_HasTheSameLemmaAsTheBaseForm(string inflected, string lemma)
    {
        Assert.Contains(lemma, Terms(KnowledgeFields.Question, inflected));
    }

    [Fact]
    public void Swedish_QuestionWords_AreKept()
    {
        var terms = Terms(KnowledgeFields.Question, "Hur var när vem vad");

        Assert.Equal(5, terms.Count);
    }

    [Fact]
    public void Swedish_UnknownCompound_IsSplitIntoKnownParts()
    {
        var terms = Terms(KnowledgeFields.Question, "boendeparkeringsavgiften");

        Assert.Contains("parkering", terms);
    }

    [Fact]
    public void Swedish_LinkingForm_IsReadAsItsBaseWord()
    {
        var terms = Terms(KnowledgeFields.Question, "förskoleköerna");

        Assert.Contains("förskola", terms);
    }

    [Fact]
    public void Swedish_Colloquialism_IsReadAsTheOfficialWord()
    {
        Assert.Contains("bibliotek", Terms(KnowledgeFields.Question, "bibblan"));
        Assert.Contains("förskola", Terms(KnowledgeFields.Question, "dagis"));
    }

    [Fact]
    public void Folded_MissingDiacritics_MatchTheProperSpelling()
    {
        var proper = Terms(KnowledgeFields.Folded, "snöröjning");
        var typed = Terms(KnowledgeFields.Folded, "snorojning");

        Assert.NotEmpty(proper.Intersect(typed));
    }

    [Fact]
    public void Folded_Boende_IsNotTurnedIntoBonde()
    {
        Assert.DoesNotContain("bonde", Terms(KnowledgeFields.Folded, "boende"));
    }

    [Theory]
    [InlineData("Hur skaffar jag ett bibliotekskort?", Language.Swedish)]
    [InlineData("Hej!", Language.Swedish)]
    [InlineData("Hello, how are you?", Language.English)]
    [InlineData("Someone is threatening to jump from the Älvsborg Bridge right now.", Language.English)]
    [InlineData("Where are the City's citizen service offices (medborgarkontor)?", Language.English)]
    [InlineData("Vem ansvarar för att skotta trottoaren?", Language.Swedish)]
    public void LanguageDetector_TellsSwedishFromEnglish(string text, Language expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text));
    }

    [Fact]
    public void LanguageDetector_NoEvidence_KeepsTheConversationLanguage()
    {
        Assert.Equal(Language.English, LanguageDetector.Detect("Valhallabadet", Language.English));
    }

    [Theory]
    [InlineData("snöröjning", "snöröjnig", 1, true)]
    [InlineData("parkering", "prakering", 1, true)]
    [InlineData("bibliotek", "biblotek", 1, true)]
    [InlineData("bibliotek", "bokbuss", 2, false)]
    public void EditDistance_Within_CountsEditsAndTranspositions(string a, string b, int max, bool expected)
    {
        Assert.Equal(expected, EditDistance.Within(a, b, max));
    }
}
