using Knowledge;
using Knowledge.Analysis;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -- knowledge search "fråga"</c>: shows which entries a question
/// finds and how confident the bot is, so editors can see why it answers the way it does.
/// </summary>
internal static class KnowledgeSearchCommand
{
    public static int Run(string[] args)
    {
        var question = string.Join(' ', args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)));
        if (question.Length == 0)
        {
            Console.Error.WriteLine("Usage: dotnet run --project bot -- knowledge search \"your question\"");
            return 2;
        }
        var (_, knowledge) = CommandConfiguration.OpenKnowledge(args);
        if (knowledge is null)
        {
            return 1;
        }
        var language = LanguageDetector.Detect(question);
        var result = knowledge.Current.Search(question, language);
        var f = result.Features;
        Console.WriteLine($"language {language.Code()}, confidence {result.Confidence:0.000} (coverage {f.Coverage:0.00}, reverse {f.ReverseCoverage:0.00}, margin {f.Margin:0.00}, unknown words {f.OutOfVocabulary:0.00}, topic word {f.TopicTermMatched}, exact {f.ExactMatch})");
        foreach (var candidate in result.Candidates)
        {
            Console.WriteLine($"  {candidate.Match:0.000}  {candidate.Score:0.00}  {candidate.Entry.Id,-32} {candidate.MatchedQuestion}");
        }
        return 0;
    }
}
