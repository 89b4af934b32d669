using Knowledge;
using Knowledge.Search;
using Understanding.Corpus;

namespace Understanding.Models;

/// <summary>
/// The features of one (message, entry) pair for the answer model. They describe how well the
/// entry fits the message, not which entry it is, so the model carries over to entries added later.
/// </summary>
public static class CandidateFeatures
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "exampleScore", "exampleRank", "exampleTop", "exampleLead",
        "questionExampleScore", "questionExampleRank",
        "retrievalMatch", "retrievalRank", "retrievalCoverage", "retrievalReverse", "retrievalScore", "retrievalConfidence", "retrievalMargin",
        "questionMatch", "questionRank", "hasQuestionSentence",
        .. MessageIntent.All.Select(i => "intent_" + i),
        "neighbour_question", "neighbour_outofscope", "neighbour_owncase", "danger",
        "outOfVocabulary", "logWords", "handoffEntry", "topicTermMatched", "english", "exactMatch", "otherMunicipality", "translated",
    ];

    public static int Count => Names.Count;

    private const int Absent = 10;

    public static float[] Of(MessageEvidence evidence, KnowledgeEntry entry)
    {
        var id = entry.Id;
        var (exampleRank, exampleScore) = Find(evidence.Examples, id);
        var exampleTop = evidence.Examples.Count > 0 ? evidence.Examples[0].Score : 0f;
        var bestOther = evidence.Examples.Where(e => e.Label != id).Select(e => e.Score).DefaultIfEmpty(0f).First();
        var (questionExampleRank, questionExampleScore) = Find(evidence.QuestionExamples, id);
        var (retrievalRank, retrieval) = Find(evidence.Retrieval, id);
        var (questionRank, question) = Find(evidence.QuestionRetrieval, id);
        var words = evidence.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var features = new List<float>(Count)
        {
            exampleScore, exampleRank, exampleTop, exampleScore - bestOther,
            questionExampleScore, evidence.QuestionSentence is null ? exampleRank : questionExampleRank,
            (float)(retrieval?.Match ?? 0), retrievalRank, (float)(retrieval?.Coverage ?? 0), (float)(retrieval?.ReverseCoverage ?? 0), (float)(retrieval?.Score ?? 0),
            (float)evidence.Retrieval.Confidence, (float)evidence.Retrieval.Features.Margin,
            (float)(evidence.QuestionSentence is null ? retrieval?.Match ?? 0 : question?.Match ?? 0),
            evidence.QuestionSentence is null ? retrievalRank : questionRank,
            evidence.QuestionSentence is null ? 0 : 1,
        };
        features.AddRange(MessageIntent.All.Select(evidence.Intents.Of));
        features.AddRange([evidence.NeighbourScore(MessageIntent.Question), evidence.NeighbourScore(MessageIntent.OutOfScope), evidence.NeighbourScore(MessageIntent.OwnCase), evidence.Danger]);
        features.AddRange(
        [
            (float)evidence.Retrieval.Features.OutOfVocabulary, MathF.Log(1 + words), entry.Handoff ? 1 : 0,
            evidence.Retrieval.Features.TopicTermMatched ? 1 : 0, evidence.English ? 1 : 0,
            evidence.Retrieval.Features.ExactMatch && retrievalRank == 0 ? 1 : 0, evidence.OtherMunicipalityNamed ? 1 : 0,
            evidence.Translated ? 1 : 0,
        ]);
        return [.. features];
    }

    private static (float Rank, float Score) Find(IReadOnlyList<(string Label, float Score)> ranked, string id)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].Label == id)
            {
                return (i, ranked[i].Score);
            }
        }
        return (Absent, 0);
    }

    private static (float Rank, Candidate? Candidate) Find(SearchResult result, string id)
    {
        for (var i = 0; i < result.Candidates.Count; i++)
        {
            if (result.Candidates[i].Entry.Id == id)
            {
                return (i, result.Candidates[i]);
            }
        }
        return (Absent, null);
    }
}
