using System.Text;
using Bot.KnowledgeOps;
using Knowledge.Content;
using Knowledge.Exchange;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -- knowledge import FILE.tsv|FILE.json --out DIR [--topic T] [--source URL]</c>:
/// converts a QnA Maker TSV export or an Azure AI Language question-answering JSON export into our
/// YAML entries (DIR/entries/import-&lt;topic&gt;.yaml), validates them together with the configured
/// content (or with DIR when it is a content folder), and reports what needs an editor's attention.
/// </summary>
internal static class KnowledgeImportCommand
{
    public static int Run(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a));
        var outArg = Option(args, "--out");
        if (file is null || outArg is null)
        {
            Console.Error.WriteLine("Usage: dotnet run --project bot -- knowledge import FILE.tsv|FILE.json --out DIR [--topic TOPIC] [--source URL]");
            return 2;
        }
        if (CommandConfiguration.ResolveFile(file) is not { } path)
        {
            Console.Error.WriteLine($"No such file: {file}");
            return 2;
        }
        var (_, paths) = CommandConfiguration.Build(args);
        var output = OutputDirectory(outArg);
        var target = File.Exists(Path.Combine(output, "topics.yaml")) ? output : paths.ContentDirectory;
        var topicProblems = new List<ContentProblem>();
        var topics = ContentLoader.ReadTopics(target, topicProblems);
        if (topicProblems.Count > 0 || topics.Count == 0)
        {
            Console.Error.WriteLine($"The topics in {target} have problems; fix them first (knowledge check):");
            KnowledgeCheckCommand.Print(topicProblems, Console.Error);
            return 1;
        }
        var defaultTopic = Option(args, "--topic") ?? (topics.Any(t => t.Name == "övrigt") ? "övrigt" : topics[0].Name);
        if (!topics.Any(t => t.Name == defaultTopic))
        {
            Console.Error.WriteLine($"--topic {defaultTopic} is not in topics.yaml");
            return 2;
        }

        var notes = new List<ExchangeNote>();
        var name = Path.GetFileName(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var pairs = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[')
            ? QnaJson.Read(text, name, notes)
            : QnaTsv.Read(text, name, notes);
        var entries = QnaConverter.ToEntries(pairs, new ImportDefaults(topics, defaultTopic, Option(args, "--source")), name, notes);

        var files = entries.GroupBy(e => e.Topic).ToDictionary(
            g => $"entries/import-{FileName(g.Key)}.yaml",
            g => EntryYamlWriter.Write(g.Key, g, $"Imported from {name}."));
        var existing = files.Keys.Where(f => File.Exists(Path.Combine(output, f))).ToList();
        if (existing.Count > 0)
        {
            Console.Error.WriteLine($"Not overwriting {string.Join(", ", existing)} in {output}; remove them or choose another --out.");
            return 1;
        }
        foreach (var (relative, yaml) in files)
        {
            ContentFiles.WriteAtomically(Path.Combine(output, relative), yaml);
        }

        var problems = Check(target, files);
        Console.WriteLine($"Read {pairs.Count} question-answer pairs from {name}; wrote {entries.Count} entries to {files.Count} file(s) in {output}.");
        foreach (var note in notes)
        {
            Console.WriteLine("note: " + note);
        }
        KnowledgeCheckCommand.Print(problems, Console.Out);
        Console.WriteLine(problems.Count == 0
            ? "The imported entries are valid together with the content in " + target + "."
            : $"{problems.Count} problem(s) to fix before the entries can go live (file and line above).");
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>Problems of the imported files when they join the content, checked in a throw-away copy.</summary>
    private static List<ContentProblem> Check(string contentDirectory, Dictionary<string, string> files)
    {
        var problems = new List<ContentProblem>();
        var combined = Path.Combine(Path.GetTempPath(), "kb-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyText(contentDirectory, combined);
            foreach (var (relative, yaml) in files)
            {
                var path = Path.Combine(combined, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, yaml);
            }
            // A clash is reported at the later file, which may be a file of the content: keep those too.
            problems.AddRange(ContentLoader.Load(combined).Problems
                .Where(p => files.ContainsKey(p.File) || files.Keys.Any(f => p.Message.Contains(f, StringComparison.Ordinal))));
        }
        finally
        {
            Directory.Delete(combined, recursive: true);
        }
        return problems;
    }

    private static void CopyText(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("hunspell", StringComparison.Ordinal) || relative.StartsWith(KnowledgeEditor.DraftsFolder, StringComparison.Ordinal))
            {
                continue;
            }
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string OutputDirectory(string path) =>
        Path.IsPathRooted(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } shell
            ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(shell, path));

    private static string FileName(string topic)
    {
        var folded = topic.ToLowerInvariant().Replace('å', 'a').Replace('ä', 'a').Replace('ö', 'o');
        return string.Concat(folded.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static bool IsOptionValue(string[] args, string value)
    {
        var index = Array.IndexOf(args, value);
        return index > 0 && args[index - 1] is "--out" or "--topic" or "--source";
    }
}
