using Dialogs.Main;
using Knowledge;
using Knowledge.Content;
using Understanding.Corpus;

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
        DialogMessages.Register();
        // The host's own messages (handoff, e-mail replies) register when first used; the check needs them all now.
        MessageCatalog.RegisterMessageClasses(typeof(KnowledgeCheckCommand).Assembly);
        var translationProblems = TranslationReport.Problems(knowledge, MessageCatalog.Messages);
        if (translationProblems.Count > 0)
        {
            Print(translationProblems, Console.Out);
            Console.WriteLine($"{translationProblems.Count} problem(s) in the translations ({paths.ContentDirectory})");
            return 1;
        }
        Console.WriteLine($"OK: {knowledge.Entries.Count} entries in {knowledge.Entries.Select(e => e.Topic).Distinct().Count()} topics, "
            + $"{knowledge.Synonyms.Count} synonym groups, {knowledge.Facilities.Facilities.Count} facilities ({paths.ContentDirectory})");
        PrintCoverage(TranslationReport.Coverage(knowledge, MessageCatalog.Messages), Console.Out, args.Contains("--missing"));
        // The corpus refers to entries by id: an entry renamed or removed must show here.
        var corpusProblems = new List<ContentProblem>();
        var training = CorpusReader.ReadPart(paths.TrainingDirectory, CorpusReader.TrainFolder, knowledge, corpusProblems);
        var validation = CorpusReader.ReadPart(paths.TrainingDirectory, CorpusReader.ValidationFolder, knowledge, corpusProblems);
        CorpusReader.CheckOverlap(training, validation, corpusProblems);
        if (corpusProblems.Count > 0)
        {
            Print(corpusProblems.Select(p => p with { File = Path.Combine("training", p.File) }), Console.Out);
            Console.WriteLine($"{corpusProblems.Count} problem(s) in the training corpus ({paths.TrainingDirectory})");
            return 1;
        }
        Console.WriteLine($"OK: {training.Count} training and {validation.Count} validation messages ({paths.TrainingDirectory})");
        return 0;
    }

    /// <summary>Per language: what is translated and reviewed; the missing texts with --missing (else the first few).</summary>
    public static void PrintCoverage(IReadOnlyList<LanguageCoverage> coverage, TextWriter writer, bool allMissing)
    {
        writer.WriteLine("Translations (an unreviewed one is shown with a note that links the Swedish original; add the language to `reviewed:` when checked):");
        foreach (var c in coverage)
        {
            writer.WriteLine($"  {c.Language.Code(),-7} {c.Language.SwedishName(),-17} entries {c.EntriesTranslated}/{c.Entries} translated, {c.EntriesReviewed} reviewed; "
                + $"questions {c.EntriesWithQuestions}/{c.Entries}; messages {c.MessagesTranslated}/{c.Messages} translated, {c.MessagesReviewed} reviewed");
            foreach (var missing in allMissing ? c.Missing : c.Missing.Take(5))
            {
                writer.WriteLine($"          missing: {missing}");
            }
            if (!allMissing && c.Missing.Count > 5)
            {
                writer.WriteLine($"          … and {c.Missing.Count - 5} more (knowledge check --missing lists all)");
            }
        }
    }

    public static void Print(IEnumerable<ContentProblem> problems, TextWriter writer)
    {
        foreach (var problem in problems)
        {
            writer.WriteLine(problem.ToString());
        }
    }
}
