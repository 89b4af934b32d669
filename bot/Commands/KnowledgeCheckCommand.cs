using Knowledge.Content;

namespace Bot.Commands;

/// <summary><c>dotnet run --project bot -- knowledge check</c>: validates the content and lists every problem with file and line.</summary>
internal static class KnowledgeCheckCommand
{
    public static int Run(string[] args)
    {
        var (_, paths) = CommandConfiguration.Build(args);
        var result = ContentLoader.Load(paths.ContentDirectory);
        if (!result.IsValid)
        {
            Print(result.Problems, Console.Out);
            Console.WriteLine($"{result.Problems.Count} problem(s) in {paths.ContentDirectory}");
            return 1;
        }
        var knowledge = result.Knowledge!;
        Console.WriteLine($"OK: {knowledge.Entries.Count} entries in {knowledge.Entries.Select(e => e.Topic).Distinct().Count()} topics, "
            + $"{knowledge.Synonyms.Count} synonym groups, {knowledge.Facilities.Facilities.Count} facilities ({paths.ContentDirectory})");
        return 0;
    }

    public static void Print(IEnumerable<ContentProblem> problems, TextWriter writer)
    {
        foreach (var problem in problems)
        {
            writer.WriteLine(problem.ToString());
        }
    }
}
