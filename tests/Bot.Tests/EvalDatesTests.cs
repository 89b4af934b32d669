using Bot.Commands;
using Dialogs.Main;

namespace Bot.Tests;

/// <summary>The eval command runs each case at its own <c>now</c>, so date questions are judged on the day they were asked.</summary>
public class EvalDatesTests
{
    [Theory]
    [InlineData("2026-12-22T10:00:00+01:00", "stängt")]   // asked on Tuesday 22 December: "fredag" is juldagen
    [InlineData("2026-11-24T10:00:00+01:00", "10.00–17.00")] // asked on a Tuesday in November: Friday 27 November is a normal Friday
    public async Task RunCase_UsesTheCasesNow(string now, string expected)
    {
        var (configuration, knowledge) = CommandConfiguration.OpenKnowledge([]);
        var evalCase = new EvalCase("t-1", "sv", "Har Majornas bibliotek öppet på fredag?", "answer", [[expected]], "öppettider",
            DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var outcome = await EvalCommand.RunCaseAsync(evalCase, knowledge!, new BotOptions { Trace = true }, configuration);

        Assert.True(outcome.Correct, outcome.Reply);
        Assert.Equal("facility:majornas-bibliotek", outcome.AnswerId);
    }
}
