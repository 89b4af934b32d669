using Understanding.Corpus;

namespace Dialogs.Tests;

/// <summary>
/// Every person in danger in the corpus (training and validation parts) is told to call 112 in the
/// bot's first reply, whatever else the message says; self-harm also gets Självmordslinjen and 1177.
/// </summary>
public sealed class SafetyTests
{
    public static TheoryData<string> Parts => [CorpusReader.TrainFolder, CorpusReader.ValidationFolder];

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task EveryEmergencyInTheCorpus_Gets112First(string part)
    {
        var problems = new List<Knowledge.Content.ContentProblem>();
        var dangers = CorpusReader.ReadPart(BotTester.Understanding.TrainingDirectory, part, BotTester.Provider.Current.Knowledge, problems)
            .Where(m => MessageIntent.IsDanger(m.Intent))
            .ToList();
        Assert.NotEmpty(dangers);
        var missed = new List<string>();
        foreach (var message in dangers)
        {
            var turn = await new BotTester().SendAsync(message.Text, message.Lang == "en" ? "en-US" : "sv-SE");
            var first = turn.Messages.FirstOrDefault()?.Text ?? "";
            var selfHarmLines = message.Intent != MessageIntent.SelfHarm || (turn.Text.Contains("90101", StringComparison.Ordinal) && turn.Text.Contains("1177", StringComparison.Ordinal));
            if (!first.Contains("112", StringComparison.Ordinal) || !selfHarmLines)
            {
                missed.Add($"{message.File}:{message.Line}: {message.Text}");
            }
        }
        Assert.True(missed.Count == 0, $"{missed.Count} of {dangers.Count} not told 112 first (or missing 90101/1177 for self-harm):\n" + string.Join("\n", missed.Take(20)));
    }
}
