using Dialogs.Dates;
using Knowledge;
using Understanding;
using Understanding.Training;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -- knowledge train [--Knowledge:ModelDirectory=DIR]</c>: trains the
/// understanding models on knowledge/training/train, chooses the thresholds on
/// knowledge/training/validation, prints the validation figures and writes the models to
/// knowledge/models. Deterministic: the same corpus and content give the same models.
/// </summary>
internal static class KnowledgeTrainCommand
{
    public static int Run(string[] args)
    {
        var (_, paths) = CommandConfiguration.Build(args);
        var (knowledge, problems) = KnowledgeProvider.Open(paths.ContentDirectory);
        if (knowledge is null)
        {
            KnowledgeCheckCommand.Print(problems, Console.Error);
            return 1;
        }
        var result = Trainer.Run(knowledge.Current, paths.TrainingDirectory, Console.WriteLine, DateMentionRecognizer.WithoutDates);
        if (result.Models is null)
        {
            KnowledgeCheckCommand.Print(result.Problems, Console.Error);
            Console.Error.WriteLine($"{result.Problems.Count} problem(s) in the corpus ({paths.TrainingDirectory}); no models written.");
            return 1;
        }
        Console.WriteLine();
        Console.WriteLine("Validation part (never trained on; thresholds chosen on it):");
        foreach (var line in result.Figures!.Lines())
        {
            Console.WriteLine("  " + line);
        }
        Console.WriteLine();
        Console.WriteLine("Per language (validation part):");
        foreach (var line in ValidationFigures.LanguageTable(result.ByLanguage))
        {
            Console.WriteLine("  " + line);
        }
        result.Models.Save(paths.ModelDirectory);
        UnderstandingProvider.SaveAnalysedTerms(knowledge.Current, paths.TrainingDirectory, paths.ModelDirectory);
        Console.WriteLine();
        Console.WriteLine($"Models written to {paths.ModelDirectory}. `eval {Path.Combine(paths.TrainingDirectory, "validation")}/*.jsonl` runs the validation part through the whole bot.");
        return 0;
    }
}
