using Understanding.Corpus;

namespace Understanding.Models;

/// <summary>The message-intent classifier: what a message needs (<see cref="MessageIntent"/>), as probabilities.</summary>
public sealed class IntentModel(TextClassifier classifier)
{
    public const string FileName = "intent.zip";

    public TextClassifier Classifier { get; } = classifier;

    public IntentScores Predict(string text, string terms)
    {
        var scores = Classifier.Predict(text, terms);
        var probabilities = MessageIntent.All.ToDictionary(i => i, _ => 0f, StringComparer.Ordinal);
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[Classifier.Classes[i]] = scores[i];
        }
        return new IntentScores(probabilities);
    }
}
