using System.Collections.Concurrent;
using Knowledge.Content;
using Knowledge.Search;
using Understanding.Corpus;
using Understanding.Models;
using Understanding.Training;

namespace Understanding.Tests;

/// <summary>The shipped knowledge, corpus and models (knowledge/content, training, models), loaded once for all tests.</summary>
internal static class Shipped
{
    /// <summary>The repository's knowledge folder.</summary>
    public static string Root { get; } = FindRoot();

    private static readonly Lazy<Knowledge.KnowledgeProvider> LazyKnowledge = new(() => Knowledge.KnowledgeProvider.Open(Path.Combine(Root, "content")).Provider!);
    private static readonly Lazy<UnderstandingProvider> LazyProvider = new(() => new UnderstandingProvider(LazyKnowledge.Value, Training, Models));

    public static string Training => Path.Combine(Root, "training");

    public static string Models => Path.Combine(Root, "models");

    public static KnowledgeIndex Index => LazyKnowledge.Value.Current;

    public static UnderstandingProvider Provider => LazyProvider.Value;

    /// <summary>One part of the shipped corpus, read once (reading it parses every line and checks it against the knowledge).</summary>
    public static IReadOnlyList<CorpusMessage> Part(string part) => Parts.GetOrAdd(part, p => new(() => ReadPart(p))).Value;

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<CorpusMessage>>> Parts = new(StringComparer.Ordinal);

    private static IReadOnlyList<CorpusMessage> ReadPart(string part)
    {
        var problems = new List<ContentProblem>();
        var messages = CorpusReader.ReadPart(Training, part, Index.Knowledge, problems);
        Assert.Empty(problems);
        return messages;
    }

    /// <summary>The decisions of the shipped models on the validation part, as <c>knowledge train</c> measures them.</summary>
    public static ValidationFigures ValidationFigures => LazyFigures.Value;

    /// <summary>The shipped models' understanding of every validation message, computed once.</summary>
    private static readonly Lazy<IReadOnlyList<(CorpusMessage Message, MessageUnderstanding Understanding)>> Scored = new(() =>
        Trainer.Score(Provider.Current!, Part(CorpusReader.ValidationFolder)));

    private static readonly Lazy<ValidationFigures> LazyFigures = new(() => Trainer.Measure(Scored.Value, Provider.Thresholds));

    /// <summary>The figures of the Swedish and English messages only, comparable with those before the other languages came.</summary>
    public static ValidationFigures SwedishAndEnglishFigures => LazySwedishAndEnglish.Value;

    private static readonly Lazy<ValidationFigures> LazySwedishAndEnglish = new(() =>
        Trainer.Measure(Scored.Value.Where(s => s.Message.Lang is "sv" or "en"), Provider.Thresholds));

    /// <summary>The same per language of the message (sv, en, fi, ar, fa, so).</summary>
    public static IReadOnlyDictionary<string, ValidationFigures> ValidationByLanguage => LazyByLanguage.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, ValidationFigures>> LazyByLanguage = new(() => Trainer.MeasureByLanguage(Scored.Value, Provider.Thresholds));


    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "knowledge");
            if (Directory.Exists(Path.Combine(candidate, "content", "entries")) && Directory.Exists(Path.Combine(candidate, "training")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("knowledge/ with content/ and training/");
    }
}
