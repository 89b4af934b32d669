using Understanding.Corpus;

namespace Understanding.Models;

/// <summary>
/// The features of a whole message for the router: what the intent model and the nearest corpus
/// messages say, and how well the best entries answer it (an out-of-scope question looks like a
/// question, but nothing answers it).
/// </summary>
public static class RouteFeatures
{
    public static int Count => (2 * MessageIntent.All.Count) + 11;

    public static float[] Of(MessageEvidence evidence, IReadOnlyList<EntryCandidate> ranked)
    {
        var features = new List<float>(Count);
        features.AddRange(MessageIntent.All.Select(evidence.Intents.Of));
        features.AddRange(MessageIntent.All.Select(evidence.NeighbourScore));
        var best = ranked.Count > 0 ? ranked[0] : null;
        var words = evidence.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        features.AddRange(
        [
            (float)(best?.Probability ?? 0),
            (float)(ranked.Count > 1 ? ranked[1].Probability : 0),
            best?.Entry.Handoff == true ? 1 : 0,
            (float)evidence.Retrieval.Confidence,
            (float)evidence.Retrieval.Features.OutOfVocabulary,
            MathF.Log(1 + words),
            evidence.Text.Contains('?') ? 1 : 0,
            evidence.QuestionSentence is null ? 0 : 1,
            evidence.Danger,
            evidence.OtherMunicipalityNamed ? 1 : 0,
            evidence.Translated ? 1 : 0,
        ]);
        return [.. features];
    }
}
