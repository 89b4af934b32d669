using Knowledge.Search;

namespace Knowledge.Tests;

/// <summary>
/// Relevance on the shipped knowledge base, stated by topic (not by entry id) so that editors can
/// reorganise entries without breaking the tests; each question is worded unlike the content.
/// </summary>
public class SearchTests
{
    private static KnowledgeIndex Index => SharedKnowledge.Index;

    [Theory]
    [InlineData("vad behövs för att få lånekort på bibblan", "bibliotek")]
    [InlineData("snorojning pa min gata", "snöröjning")]
    [InlineData("var ligger atervinningscentralen", "avfall")]
    [InlineData("hur mycket kostar boendeparkeringen", "parkering")]
    [InlineData("dagisplats kö hur länge", "förskola")]
    [InlineData("måste jag söka lov för att bygga ett attefallshus", "bygglov")]
    public void Search_ResidentWording_FindsTheTopic(string question, string topic)
    {
        var result = Index.Search(question, Language.Swedish);

        Assert.Equal(topic, result.Top?.Entry.Topic);
    }

    [Fact]
    public void Search_EnglishQuestion_FindsTheEntry()
    {
        var result = Index.Search("How do I get a library card?", Language.English);

        Assert.Equal("bibliotek", result.Top?.Entry.Topic);
        Assert.True(result.Confidence >= 0.6, $"confidence {result.Confidence}");
    }

    [Fact]
    public void Search_ExactQuestionOfAnEntry_HasFullConfidence()
    {
        var entry = Index.Knowledge.Entries.First(e => !e.ContextOnly);

        var result = Index.Search(entry.Question.ToUpperInvariant() + "!!", Language.Swedish);

        Assert.Equal(entry.Id, result.Top!.Entry.Id);
        Assert.Equal(1.0, result.Confidence);
    }

    [Theory]
    [InlineData("Kan du ge mig ett recept på kanelbullar?")]
    [InlineData("Vem vann melodifestivalen i år?")]
    [InlineData("När har ICA Maxi öppet på söndag?")]
    [InlineData("What is the capital of Australia?")]
    [InlineData("asdf qwerty zxcv")]
    public void Search_OutOfScopeQuestion_IsNotConfident(string question)
    {
        var result = Index.Search(question, Language.Swedish);

        Assert.True(result.Confidence < 0.6, $"confidence {result.Confidence} for {result.Top?.Entry.Id}");
    }

    [Fact]
    public void Search_ConfidenceAndMatches_AreProbabilities()
    {
        var result = Index.Search("parkering", Language.Swedish);

        Assert.InRange(result.Confidence, 0, 1);
        Assert.All(result.Candidates, c => Assert.InRange(c.Match, 0, 1));
        Assert.Equal(result.Candidates.Count, result.Candidates.Select(c => c.Entry.Id).Distinct().Count());
    }

    [Fact]
    public void Search_EmptyOrPunctuation_ReturnsNothing()
    {
        Assert.Null(Index.Search("?!", Language.Swedish).Top);
    }
}
