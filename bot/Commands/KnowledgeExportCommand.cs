using Knowledge.Content;
using Knowledge.Exchange;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -- knowledge export FILE.tsv</c>: writes the content as a QnA Maker TSV
/// (a Swedish and an English pair per entry, metadata entry/topic/lang, follow-ups as prompts), which
/// QnA Maker and Azure AI Language question answering import, and which `knowledge import` reads back.
/// </summary>
internal static class KnowledgeExportCommand
{
    public static int Run(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null)
        {
            Console.Error.WriteLine("Usage: dotnet run --project bot -- knowledge export FILE.tsv");
            return 2;
        }
        var (_, paths) = CommandConfiguration.Build(args);
        var content = ContentLoader.Load(paths.ContentDirectory);
        if (content.Knowledge is null)
        {
            KnowledgeCheckCommand.Print(content.Problems, Console.Error);
            return 1;
        }
        var notes = new List<ExchangeNote>();
        var pairs = QnaConverter.ToPairs(content.Knowledge, notes);
        var path = Path.IsPathRooted(file) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } shell
            ? Path.GetFullPath(file)
            : Path.GetFullPath(Path.Combine(shell, file));
        File.WriteAllText(path, QnaTsv.Write(pairs));
        foreach (var note in notes)
        {
            Console.WriteLine("note: " + note);
        }
        Console.WriteLine($"Wrote {pairs.Count} question-answer pairs ({content.Knowledge.Entries.Count} entries, {pairs.Sum(p => p.Questions.Count)} questions) to {path}.");
        return 0;
    }
}
