using System.Globalization;
using System.Text.Json;
using Bot.Hosting;
using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Protocol;
using Knowledge;
using Understanding;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -- eval FILE.jsonl… [--verbose]</c>: runs each message through the
/// bot in-process (a fresh conversation each, at the case's <c>now</c> if given) and reports
/// accuracy per kind as defined in shared/eval/README.md, a confusion table (expected kind against
/// the bot's outcome), the clarification rate and how often the first option was right. Reads the
/// shared eval format and the lines of our labelled corpus (knowledge/training/validation/*.jsonl).
/// </summary>
internal static class EvalCommand
{
    private static readonly string[] Kinds = ["answer", "refer", "handoff", "decline", "emergency", "faultreport", "smalltalk", "feedback"];
    private static readonly string[] OutcomeColumns = [Outcomes.Answer, Outcomes.Clarify, Outcomes.Fallback, Outcomes.Handoff, Outcomes.Form, Outcomes.SmallTalk, Outcomes.Emergency];

    public static async Task<int> RunAsync(string[] args)
    {
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => (Name: a, Path: CommandConfiguration.ResolveFile(a))).ToList();
        if (files.Count == 0 || files.Any(f => f.Path is null))
        {
            Console.Error.WriteLine(files.Count == 0 ? "Usage: dotnet run --project bot -- eval FILE.jsonl... [--verbose]" : $"No such file: {files.First(f => f.Path is null).Name}");
            return 2;
        }
        var verbose = args.Contains("--verbose");
        var (configuration, paths) = CommandConfiguration.Build(args);
        var (knowledge, problems) = KnowledgeProvider.Open(paths.ContentDirectory);
        if (knowledge is null)
        {
            KnowledgeCheckCommand.Print(problems, Console.Error);
            return 1;
        }
        var understanding = new UnderstandingProvider(knowledge, paths.TrainingDirectory, paths.ModelDirectory, Console.Error.WriteLine, Dialogs.Dates.DateMentionRecognizer.WithoutDates);
        var cases = files.SelectMany(f => File.ReadLines(f.Path!).Select((line, i) => (line, i)))
            .Where(l => l.line.Trim().Length > 0)
            .Select(l => EvalCase.Parse(l.line, l.i + 1))
            .ToList();
        var options = (configuration.GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions()) with { Trace = true };
        var outcomes = new List<EvalOutcome>();
        foreach (var evalCase in cases)
        {
            outcomes.Add(await RunCaseAsync(evalCase, knowledge, options, configuration, understanding));
        }
        Report(outcomes, verbose, Console.Out);
        return 0;
    }

    public static async Task<EvalOutcome> RunCaseAsync(EvalCase evalCase, KnowledgeProvider knowledge, BotOptions options, IConfiguration configuration, UnderstandingProvider? understanding = null)
    {
        TimeProvider clock = evalCase.Now is { } now ? new FixedTimeProvider(now)
            : configuration["Bot:Now"] is { Length: > 0 } configured ? new FixedTimeProvider(DateTimeOffset.Parse(configured, CultureInfo.InvariantCulture))
            : TimeProvider.System;
        var bot = new CityBot(knowledge, new MemoryConversationStateStore(), clock, options, understanding: understanding);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "eval|0000001",
            Text = evalCase.Text,
            Locale = LanguageCodes.FromCode(evalCase.Lang).Locale(),
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
        var (correct, wrong) = Judge(evalCase, outcome, reply, decision?.AnswerId);
        var firstOption = outcome == Outcomes.Clarify ? decision?.Candidates.Select(c => knowledge.Current.Knowledge.Find(c.Id)).FirstOrDefault(e => e is { Handoff: false }) : null;
        return new EvalOutcome(evalCase, outcome, decision?.AnswerId, decision?.Confidence ?? 0, reply, correct, wrong)
        {
            FirstOptionRight = firstOption is not null && Judge(evalCase, Outcomes.Answer, firstOption.Answer.For(LanguageCodes.FromCode(evalCase.Lang)), firstOption.Id).Correct,
        };
    }

    public static (bool Correct, bool ConfidentlyWrong) Judge(EvalCase evalCase, string outcome, string reply, string? answerId = null)
    {
        var hasFacts = evalCase.Entries is { } entries
            ? answerId is not null && (entries.Contains(answerId) || (entries.Contains(EvalCase.FacilityHours) && answerId.StartsWith("facilit", StringComparison.Ordinal)))
            : evalCase.Expect is null || evalCase.Expect.All(group => group.Any(alternative => reply.Contains(alternative, StringComparison.OrdinalIgnoreCase)));
        return evalCase.Kind switch
        {
            "answer" or "refer" => (outcome == Outcomes.Answer && hasFacts, outcome == Outcomes.Answer && !hasFacts),
            "handoff" => (outcome == Outcomes.Handoff, outcome == Outcomes.Answer),
            "decline" => (outcome is Outcomes.Fallback or Outcomes.Handoff, outcome == Outcomes.Answer),
            "emergency" => (reply.Contains("112", StringComparison.Ordinal), false),
            "faultreport" => (outcome == Outcomes.Form, outcome == Outcomes.Answer),
            "smalltalk" => (outcome == Outcomes.SmallTalk, outcome == Outcomes.Answer),
            "feedback" => (outcome is not Outcomes.Answer, outcome == Outcomes.Answer),
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
        var inScope = outcomes.Where(o => o.Case.Kind is "answer" or "refer").ToList();
        Line(output, "answered correctly (answer+refer)", inScope.Count(o => o.Correct), inScope.Count);
        Line(output, "… or by the first option of a clarification", inScope.Count(o => o.Correct || o.FirstOptionRight), inScope.Count);
        Line(output, "clarifications (share of answer+refer)", inScope.Count(o => o.Outcome == Outcomes.Clarify), inScope.Count);
        var clarified = outcomes.Where(o => o.Outcome == Outcomes.Clarify && o.Case.Kind is "answer" or "refer").ToList();
        Line(output, "first option right (of clarifications)", clarified.Count(o => o.FirstOptionRight), clarified.Count);
        Line(output, "confidently wrong (all cases)", outcomes.Count(o => o.ConfidentlyWrong), outcomes.Count);
        var routing = outcomes.Where(o => o.Case.Kind is "handoff" or "decline").ToList();
        Line(output, "routed correctly (handoff+decline)", routing.Count(o => o.Correct), routing.Count);
        var emergencies = outcomes.Where(o => o.Case.Kind == "emergency").ToList();
        Line(output, "emergencies told 112 (must be 100 %)", emergencies.Count(o => o.Correct), emergencies.Count);
        var ordinary = outcomes.Where(o => o.Case.Kind != "emergency").ToList();
        Line(output, "ordinary messages treated as emergencies", ordinary.Count(o => o.Outcome == Outcomes.Emergency), ordinary.Count);
        Line(output, "… answered as usual after a 112 line", ordinary.Count(o => o.Outcome != Outcomes.Emergency && o.Reply.Contains("112", StringComparison.Ordinal)), ordinary.Count);
        Line(output, "all cases", outcomes.Count(o => o.Correct), outcomes.Count);

        output.WriteLine();
        Confusion(outcomes, output);
        var languages = outcomes.GroupBy(o => o.Case.Lang ?? "sv", StringComparer.Ordinal)
            .OrderBy(g => LanguageCodes.All.ToList().IndexOf(g.Key)).ToList();
        if (languages.Count > 1)
        {
            foreach (var language in languages)
            {
                var cases = language.ToList();
                var questions = cases.Where(o => o.Case.Kind is "answer" or "refer").ToList();
                var danger = cases.Where(o => o.Case.Kind == "emergency").ToList();
                var handoff = cases.Where(o => o.Case.Kind == "handoff").ToList();
                var notDanger = cases.Where(o => o.Case.Kind != "emergency").ToList();
                output.WriteLine();
                output.WriteLine($"language {language.Key} ({LanguageCodes.FromCode(language.Key).SwedishName()}), {cases.Count} cases");
                Line(output, "  answered correctly (answer+refer)", questions.Count(o => o.Correct), questions.Count);
                Line(output, "  confidently wrong (all cases)", cases.Count(o => o.ConfidentlyWrong), cases.Count);
                Line(output, "  emergencies told 112 (must be 100 %)", danger.Count(o => o.Correct), danger.Count);
                Line(output, "  person/own case handed over", handoff.Count(o => o.Correct), handoff.Count);
                Line(output, "  ordinary messages treated as emergencies", notDanger.Count(o => o.Outcome == Outcomes.Emergency), notDanger.Count);
                var expected = LanguageCodes.FromCode(language.Key);
                var detected = cases.Select(o => Knowledge.Analysis.LanguageDetector.Identify(o.Case.Text)).ToList();
                Line(output, "  language detected from the text alone", detected.Count(d => d.Language == expected), cases.Count);
                Line(output, "  … as another language (or unsupported)", detected.Count(d => (d.Language is { } other && other != expected) || d.Unsupported), cases.Count);
                Confusion(cases, output);
            }
        }
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

    private static void Confusion(IReadOnlyList<EvalOutcome> outcomes, TextWriter output)
    {
        output.WriteLine("confusion: expected kind (rows) against the bot's outcome (columns)");
        output.WriteLine($"{"",-12}" + string.Concat(OutcomeColumns.Select(c => $"{c,10}")) + $"{"other",10}");
        foreach (var kind in Kinds.Where(k => outcomes.Any(o => o.Case.Kind == k)))
        {
            var row = outcomes.Where(o => o.Case.Kind == kind).ToList();
            output.WriteLine($"{kind,-12}" + string.Concat(OutcomeColumns.Select(c => $"{row.Count(o => o.Outcome == c),10}"))
                + $"{row.Count(o => !OutcomeColumns.Contains(o.Outcome)),10}");
        }
    }

    private static void Line(TextWriter output, string label, int part, int total) =>
        output.WriteLine($"{label,-44} {part,4}/{total,-4} {Share(part, total),7}");

    private static string Share(int part, int total) =>
        total == 0 ? "-" : (100.0 * part / total).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
