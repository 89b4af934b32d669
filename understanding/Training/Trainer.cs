using Knowledge.Content;
using Knowledge.Search;
using Understanding.Corpus;
using Understanding.Decisions;
using Understanding.Models;

namespace Understanding.Training;

/// <summary>The outcome of <c>knowledge train</c>: the model set, or the corpus problems that prevent it.</summary>
public sealed record TrainingResult(ModelSet? Models, IReadOnlyList<ContentProblem> Problems, ValidationFigures? Figures)
{
    /// <summary>The validation figures of each language's messages.</summary>
    public IReadOnlyDictionary<string, ValidationFigures> ByLanguage { get; init; } = new Dictionary<string, ValidationFigures>();
}

/// <summary>
/// The whole training: reads the corpus, trains on the training part, chooses the thresholds on
/// the validation part (never trained on) and measures the figures there.
/// </summary>
public static class Trainer
{
    /// <param name="searchText">What retrieval searches for in a message (the host strips dates); the same as the bot uses.</param>
    public static TrainingResult Run(KnowledgeIndex index, string trainingDirectory, Action<string> log, Func<string, string>? searchText = null, TrainingEffort? effort = null)
    {
        var problems = new List<ContentProblem>();
        var training = CorpusReader.ReadPart(trainingDirectory, CorpusReader.TrainFolder, index.Knowledge, problems);
        var validation = CorpusReader.ReadPart(trainingDirectory, CorpusReader.ValidationFolder, index.Knowledge, problems);
        CorpusReader.CheckOverlap(training, validation, problems);
        if (problems.Count > 0)
        {
            return new TrainingResult(null, problems, null);
        }
        if (training.Count == 0 || validation.Count == 0)
        {
            return new TrainingResult(null, [new ContentProblem(trainingDirectory, 0, "the corpus needs both a train/ and a validation/ part")], null);
        }
        var fingerprint = CorpusReader.Fingerprint(trainingDirectory);
        log($"{training.Count} training and {validation.Count} validation messages");
        var models = ModelTrainer.Train(index, training, log, searchText, effort);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var scored = Score(models.Understander(index, searchText), validation);
        log($"validation part understood in {watch.Elapsed.TotalSeconds:0.0} s");
        var thresholds = ThresholdSearch.Choose(scored);
        log($"thresholds searched in {watch.Elapsed.TotalSeconds:0.0} s");
        var figures = Measure(scored, thresholds);
        var byLanguage = MeasureByLanguage(scored, thresholds);
        log($"thresholds chosen on the validation part: {thresholds}");
        var manifest = new ModelManifest(ModelManifest.CurrentVersion, fingerprint, training.Count, validation.Count, thresholds,
            [.. figures.Lines(), .. ValidationFigures.LanguageTable(byLanguage)]);
        return new TrainingResult(new ModelSet(models.Intents, models.Answers, models.Router, manifest), [], figures) { ByLanguage = byLanguage };
    }

    /// <summary>
    /// The understanding of each labelled message. Opening-hours questions are left out: the bot
    /// answers them from the facilities' data before the models are asked.
    /// </summary>
    public static IReadOnlyList<(CorpusMessage Message, MessageUnderstanding Understanding)> Score(Understander understander, IEnumerable<CorpusMessage> messages) =>
        messages.Where(m => m.Entry != CorpusMessage.FacilityHours)
            .Select(m => (m, understander.Understand(m.Text, ModelTrainer.LanguageOf(m))))
            .ToList();

    public static IReadOnlyDictionary<string, ValidationFigures> MeasureByLanguage(IEnumerable<(CorpusMessage Message, MessageUnderstanding Understanding)> scored, Thresholds thresholds) =>
        ValidationFigures.ByLanguage(scored.Select(s => (s.Message, Judged.Of(DecisionPolicy.Decide(s.Understanding, thresholds)))));

    public static ValidationFigures Measure(IEnumerable<(CorpusMessage Message, MessageUnderstanding Understanding)> scored, Thresholds thresholds) =>
        ValidationFigures.Of(scored.Select(s => (s.Message, Judged.Of(DecisionPolicy.Decide(s.Understanding, thresholds)))));
}
