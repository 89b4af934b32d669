using Knowledge;
using Knowledge.Search;

namespace Understanding.Models;

/// <summary>
/// Everything the answer model looks at for one message: retrieval on the whole message and on
/// the sentence that asks, the nearest labelled examples, and the intent probabilities.
/// </summary>
public sealed record MessageEvidence(
    string Text,
    string? QuestionSentence,
    Language Language,
    SearchResult Retrieval,
    SearchResult QuestionRetrieval,
    IReadOnlyList<(string Label, float Score)> Examples,
    IReadOnlyList<(string Label, float Score)> QuestionExamples,
    IntentScores Intents,
    IReadOnlyList<(string Label, float Score)> IntentNeighbours,
    bool OtherMunicipalityNamed)
{
    public bool English => Language == Language.English;

    /// <summary>Written in a translated language (Finnish, Arabic, Persian, Somali): the evidence has other scales there.</summary>
    public bool Translated => Language.Written().IsTranslated();

    /// <summary>How near the message is to the corpus's messages of <paramref name="intent"/> (0 when none is near).</summary>
    public float NeighbourScore(string intent) => IntentNeighbours.FirstOrDefault(n => n.Label == intent).Score;

    /// <summary>
    /// How likely someone is in danger: the intent model's emergency and self-harm probabilities,
    /// moved up or down by whether the nearest corpus messages are emergencies or ordinary ones.
    /// </summary>
    public float Danger
    {
        get
        {
            var danger = Math.Max(NeighbourScore(Corpus.MessageIntent.Emergency), NeighbourScore(Corpus.MessageIntent.SelfHarm));
            var safe = IntentNeighbours.Where(n => !Corpus.MessageIntent.IsDanger(n.Label)).Select(n => n.Score).DefaultIfEmpty(0).Max();
            return Intents.Danger + (NeighbourWeight * (danger - safe));
        }
    }

    private const float NeighbourWeight = 0.5f;

    /// <summary>The entries worth scoring: the best of each source, in a stable order.</summary>
    public IReadOnlyList<string> CandidateIds(int perSource) =>
        Retrieval.Candidates.Take(perSource).Select(c => c.Entry.Id)
            .Concat(QuestionRetrieval.Candidates.Take(perSource).Select(c => c.Entry.Id))
            .Concat(Examples.Take(perSource).Select(e => e.Label))
            .Concat(QuestionExamples.Take(perSource).Select(e => e.Label))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
