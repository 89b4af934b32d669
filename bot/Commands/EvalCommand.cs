using System.Globalization;
using System.Text.Json;
using Bot.Hosting;
using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Protocol;
using Knowledge;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -- eval FILE.jsonl [--verbose]</c>: runs each question through the
/// bot in-process (a fresh conversation each, at the case's <c>now</c> if given) and reports
/// accuracy per kind, as defined in shared/eval/README.md.
/// </summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var file = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(CommandConfiguration.ResolveFile).FirstOrDefault();
        if (file is null)
        {
            Console.Error.WriteLine("Usage: dotnet run --project bot -- eval FILE.jsonl [--verbose]");
            return 2;
        }
        var verbose = args.Contains("--verbose");
        var (configuration, knowledge) = CommandConfiguration.OpenKnowledge(args);
        if (knowledge is null)
        {
            return 1;
        }
        var cases = (await File.ReadAllLinesAsync(file))
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonSerializer.Deserialize<EvalCase>(line)!)
            .ToList();
        var options = (configuration.GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions()) with { Trace = true };
        var outcomes = new List<EvalOutcome>();
        foreach (var evalCase in cases)
        {
            outcomes.Add(await RunCaseAsync(evalCase, knowledge, options, configuration));
        }
        Report(outcomes, verbose, Console.Out);
        return 0;
    }

    public static async Task<EvalOutcome> RunCaseAsync(EvalCase evalCase, KnowledgeProvider knowledge, BotOptions options, IConfiguration configuration)
    {
        TimeProvider clock = evalCase.Now is { } now ? new FixedTimeProvider(now)
            : configuration["Bot:Now"] is { Length: > 0 } configured ? new FixedTimeProvider(DateTimeOffset.Parse(configured, CultureInfo.InvariantCulture))
            : TimeProvider.System;
        var bot = new CityBot(knowledge, new MemoryConversationStateStore(), clock, options);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "eval|0000001",
            Text = evalCase.Text,
            Locale = evalCase.Lang == "en" ? "en-US" : "sv-SE",
            ChannelId = "eval",
            Conversation = new ConversationAccount { Id = "eval-" + evalCase.Id },
            From = new ChannelAccount { Id = "resident", Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = "stadsbot", Role = RoleTypes.Bot },
        };
        var sequence = 0;
        var turn = new TurnContext(activity, (_, _) => Task.FromResult($"eval|{++sequence:D7}"));
        await bot.OnTurnAsync(turn, CancellationToken.None);
        var reply = string.Join("\n", turn.Responses.Where(r => r.Type == ActivityTypes.Message).Select(r => r.Text));
        var decision = turn.Responses.LastOrDefault(r => r.Type == ActivityTypes.Trace && r.Name == BotDecision.TraceName)?.Value?.Deserialize<BotDecision>(ActivityJson.Options);
        var outcome = decision?.Outcome ?? "none";
        var (correct, wrong) = Judge(evalCase, outcome, reply);
        return new EvalOutcome(evalCase, outcome, decision?.AnswerId, decision?.Confidence ?? 0, reply, correct, wrong);
    }

    public static (bool Correct, bool ConfidentlyWrong) Judge(EvalCase evalCase, string outcome, string reply)
    {
        var hasFacts = evalCase.Expect is null || evalCase.Expect.All(group => group.Any(alternative => reply.Contains(alternative, StringComparison.OrdinalIgnoreCase)));
        return evalCase.Kind switch
        {
            "answer" or "refer" => (outcome == Outcomes.Answer && hasFacts, outcome == Outcomes.Answer && !hasFacts),
            "handoff" => (outcome == Outcomes.Handoff, outcome == Outcomes.Answer),
            "decline" => (outcome is Outcomes.Fallback or Outcomes.Handoff, outcome == Outcomes.Answer),
            "emergency" => (reply.Contains("112", StringComparison.Ordinal), false),
            "faultreport" => (outcome == Outcomes.Form, false),
            "smalltalk" => (outcome == Outcomes.SmallTalk, false),
            _ => (false, false),
        };
    }

    public static void Report(IReadOnlyList<EvalOutcome> outcomes, bool verbose, TextWriter output)
    {
        output.WriteLine($"{"kind",-12} {"cases",5} {"correct",7} {"share",7}");
        foreach (var kind in outcomes.GroupBy(o => o.Case.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{kind.Key,-12} {kind.Count(),5} {kind.Count(o => o.Correct),7} {Share(kind.Count(o => o.Correct), kind.Count()),7}");
        }
        output.WriteLine();
        Line(output, "answered correctly (answer+refer)", outcomes.Where(o => o.Case.Kind is "answer" or "refer").ToList());
        output.WriteLine($"{"confidently wrong (all cases)",-40} {outcomes.Count(o => o.ConfidentlyWrong),4}/{outcomes.Count,-4} {Share(outcomes.Count(o => o.ConfidentlyWrong), outcomes.Count),7}");
        Line(output, "routed correctly (handoff+decline)", outcomes.Where(o => o.Case.Kind is "handoff" or "decline").ToList());
        Line(output, "emergencies (must be 100 %)", outcomes.Where(o => o.Case.Kind == "emergency").ToList());
        Line(output, "all cases", outcomes);
        if (!verbose)
        {
            return;
        }
        output.WriteLine();
        foreach (var miss in outcomes.Where(o => !o.Correct))
        {
            var reply = miss.Reply.Replace('\n', ' ');
            output.WriteLine($"{(miss.ConfidentlyWrong ? "WRONG" : "miss "),-5} {miss.Case.Id,-12} {miss.Case.Kind,-11} -> {miss.Outcome,-9} {miss.AnswerId ?? "-",-28} {miss.Confidence:0.00} | {miss.Case.Text} | {reply[..Math.Min(reply.Length, 110)]}");
        }
    }

    private static void Line(TextWriter output, string label, IReadOnlyList<EvalOutcome> outcomes) =>
        output.WriteLine($"{label,-40} {outcomes.Count(o => o.Correct),4}/{outcomes.Count,-4} {Share(outcomes.Count(o => o.Correct), outcomes.Count),7}");

    private static string Share(int part, int total) =>
        total == 0 ? "-" : (100.0 * part / total).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
