using Knowledge;
using Knowledge.Content;
using Knowledge.Search;
using Understanding.Corpus;
using Understanding.Decisions;
using Understanding.Models;
using Understanding.Text;
using Understanding.Training;

namespace Understanding;

/// <summary>
/// Holds the understanding the bot uses now. The trained models (intent, answer) are loaded from
/// the model folder; the nearest-example index is built from the current knowledge and the
/// training corpus, and rebuilt when either changes, so an editor's new phrasing counts at once.
/// When the corpus no longer matches the one the models were trained on, they are retrained in
/// the background and swapped in when ready; until then the previous models keep serving.
/// </summary>
public sealed class UnderstandingProvider
{
    private readonly KnowledgeProvider _knowledge;
    private readonly Action<string> _log;
    private readonly Func<string, string>? _searchText;
    private readonly Lock _gate = new();
    private volatile State? _state;
    private string? _corpusFingerprint;
    private Task _retraining = Task.CompletedTask;

    private sealed record State(KnowledgeIndex Index, ModelSet Models, ExampleIndex Examples, Understander Understander);

    /// <param name="searchText">What retrieval searches for in a message (the bot strips what it says about dates).</param>
    public UnderstandingProvider(KnowledgeProvider knowledge, string trainingDirectory, string modelDirectory, Action<string>? log = null, Func<string, string>? searchText = null)
        : this(knowledge, trainingDirectory, modelDirectory, ModelSet.Load(modelDirectory), log, searchText)
    {
    }

    /// <param name="models">The model set in <paramref name="modelDirectory"/>, loaded already (the bot loads it while it indexes the knowledge).</param>
    public UnderstandingProvider(KnowledgeProvider knowledge, string trainingDirectory, string modelDirectory, ModelSet? models, Action<string>? log = null, Func<string, string>? searchText = null)
    {
        _knowledge = knowledge;
        _searchText = searchText;
        TrainingDirectory = trainingDirectory;
        ModelDirectory = modelDirectory;
        _log = log ?? (_ => { });
        if (models is null)
        {
            _log($"No trained models in {modelDirectory}: the bot uses retrieval and rules only (run `knowledge train`).");
            return;
        }
        Build(knowledge.Current, models);
    }

    public string TrainingDirectory { get; }

    /// <summary>How hard a retraining after a corpus edit works (full unless a test trains a throw-away corpus).</summary>
    public TrainingEffort Effort { get; init; } = TrainingEffort.Full;

    public string ModelDirectory { get; }

    /// <summary>The understanding of the current knowledge, or null when no models are trained.</summary>
    public Understander? Current => _state?.Understander;

    public Thresholds Thresholds => _state?.Models.Thresholds ?? Thresholds.Default;

    public ModelManifest? Manifest => _state?.Models.Manifest;

    /// <summary>Decides what to do with a message, or null when no models are trained.</summary>
    public Verdict? Decide(string text, Language language) =>
        _state is { } state ? DecisionPolicy.Decide(state.Understander.Understand(text, language), state.Models.Thresholds) : null;

    /// <summary>After a knowledge reload or a corpus edit: new examples now, new models in the background when the corpus changed.</summary>
    public void Refresh()
    {
        var state = _state;
        if (state is null)
        {
            return;
        }
        var fingerprint = CorpusReader.Fingerprint(TrainingDirectory);
        if (ReferenceEquals(state.Index, _knowledge.Current) && fingerprint == _corpusFingerprint)
        {
            return;
        }
        Build(_knowledge.Current, state.Models);
        if (fingerprint != state.Models.Manifest.CorpusFingerprint)
        {
            RetrainInBackground();
        }
    }

    /// <summary>The current retraining, if any (tests and commands wait for it).</summary>
    public Task Retraining => _retraining;

    private void RetrainInBackground()
    {
        lock (_gate)
        {
            if (!_retraining.IsCompleted)
            {
                return;
            }
            _retraining = Task.Run(() =>
            {
                try
                {
                    var index = _knowledge.Current;
                    var result = Trainer.Run(index, TrainingDirectory, _log, _searchText, Effort);
                    if (result.Models is not { } models)
                    {
                        _log("The corpus has problems; the models were not retrained: " + string.Join("; ", result.Problems.Take(3)));
                        return;
                    }
                    models.Save(ModelDirectory);
                    SaveAnalysedTerms(index, TrainingDirectory, ModelDirectory);
                    Build(_knowledge.Current, models);
                    _log("Models retrained on the edited corpus and swapped in.");
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
                {
                    _log("Retraining failed: " + e.Message);
                }
            });
        }
    }

    /// <summary>Writes the analysed words of the knowledge questions and the training part beside the models (<c>knowledge train</c>, a retraining).</summary>
    public static void SaveAnalysedTerms(KnowledgeIndex index, string trainingDirectory, string modelDirectory)
    {
        var training = CorpusReader.ReadPart(trainingDirectory, CorpusReader.TrainFolder, index.Knowledge, []);
        AnalyzedTermsMemo.Save(modelDirectory, index,
            ModelTrainer.KnowledgeQuestions(index.Knowledge).Concat(training.Select(m => (m.Text, ModelTrainer.LanguageOf(m)))));
    }

    private void Build(KnowledgeIndex index, ModelSet models)
    {
        var problems = new List<ContentProblem>();
        var training = CorpusReader.ReadPart(TrainingDirectory, CorpusReader.TrainFolder, index.Knowledge, problems);
        if (_state is null)
        {
            AnalyzedTermsMemo.Load(ModelDirectory, index);
        }
        var terms = ModelTrainer.AnalyzedTerms(index, ModelTrainer.KnowledgeQuestions(index.Knowledge).Concat(training.Select(m => (m.Text, ModelTrainer.LanguageOf(m)))));
        string Terms(string text, Language language) => terms[(text, language.Written())];
        var collector = new EvidenceCollector(index, ExampleIndex.Build(ModelTrainer.ExampleRows(index.Knowledge, training, Terms)),
            ExampleIndex.Build(ModelTrainer.IntentRows(training, Terms)), _searchText);
        _corpusFingerprint = CorpusReader.Fingerprint(TrainingDirectory);
        _state = new State(index, models, collector.Examples, new Understander(collector, models.Intents, models.Answers, models.Router));
    }
}
