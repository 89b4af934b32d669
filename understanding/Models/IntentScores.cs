using Understanding.Corpus;

namespace Understanding.Models;

/// <summary>The intent model's probability for each <see cref="MessageIntent"/> of one message.</summary>
public sealed record IntentScores(IReadOnlyDictionary<string, float> Probabilities)
{
    public static IntentScores None { get; } = new(MessageIntent.All.ToDictionary(i => i, i => i == MessageIntent.Question ? 1f : 0f));

    public float Of(string intent) => Probabilities.GetValueOrDefault(intent);

    /// <summary>Someone may be in danger: emergency and self-harm together.</summary>
    public float Danger => Of(MessageIntent.Emergency) + Of(MessageIntent.SelfHarm);

    public (string Intent, float Probability) Top
    {
        get
        {
            var best = Probabilities.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First();
            return (best.Key, best.Value);
        }
    }
}
