using System.Diagnostics;
using Knowledge;
using Knowledge.Search;
using Understanding.Corpus;
using Understanding.Models;

namespace Understanding.Training;

/// <summary>The trained models, ready to understand messages.</summary>
public sealed record TrainedModels(ExampleIndex Examples, ExampleIndex IntentExamples, IntentModel Intents, AnswerModel Answers, RouterModel Router)
{
    public Understander Understander(KnowledgeIndex index, Func<string, string>? searchText = null) =>
        new(new EvidenceCollector(index, Examples, IntentExamples, searchText), Intents, Answers, Router);
}

/// <summary>
/// Trains the models from the knowledge base and the training part of the corpus, deterministically
/// (fixed seeds, one thread, folds by writer). The answer model learns from evidence the other
/// models give on messages whose writer they never saw: intent probabilities from five folds by
/// writer, nearest examples without the writer's own lines.
/// </summary>
public static class ModelTrainer
{
    public const int Folds = 5;

    public static TrainedModels Train(KnowledgeIndex index, IReadOnlyList<CorpusMessage> training, Action<string>? log = null, Func<string, string>? searchText = null, TrainingEffort? effort = null)
    {
        effort ??= TrainingEffort.Full;
        var watch = Stopwatch.StartNew();
        void Log(string message) => log?.Invoke($"{watch.Elapsed.TotalSeconds,6:0.0} s  {message}");
        var knowledge = index.Knowledge;
        var terms = AnalyzedTerms(index, KnowledgeQuestions(knowledge).Concat(training.Select(m => (m.Text, LanguageOf(m)))));
        string Terms(string text, Language language) => terms[(text, language.Written())];

        var examples = ExampleIndex.Build(ExampleRows(knowledge, training, Terms));
        var intentExamples = ExampleIndex.Build(IntentRows(training, Terms));
        Log($"example indexes: {examples.Count} examples of entries, {intentExamples.Count} of intents");

        var knowledgeQuestions = KnowledgeQuestions(knowledge).Select(q => new TextRow { Text = q.Text, Terms = Terms(q.Text, q.Language), Label = MessageIntent.Question }).ToList();
        var messages = training.Select(m => new TextRow { Text = m.Text, Terms = Terms(m.Text, LanguageOf(m)), Label = m.Intent }).ToList();
        var fold = FoldsOf(training);
        var outOfFold = new IntentScores[training.Count];
        // Each fold trains on its own data with one thread, so running them side by side stays deterministic.
        Parallel.For(0, Folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            var model = new IntentModel(TextClassifier.Train([.. knowledgeQuestions, .. messages.Where((_, i) => fold[i] != f)], effort.IntentPasses));
            for (var i = 0; i < training.Count; i++)
            {
                if (fold[i] == f)
                {
                    outOfFold[i] = model.Predict(messages[i].Text, messages[i].Terms);
                }
            }
            Log($"intent model, fold {f + 1} of {Folds}");
        });
        var intents = new IntentModel(TextClassifier.Train([.. knowledgeQuestions, .. messages], effort.IntentPasses));
        Log("intent model on all messages");

        var collector = new EvidenceCollector(index, examples, intentExamples, searchText);
        var rows = new List<CandidateRow>();
        var rowsOf = new List<(MessageEvidence Evidence, List<(KnowledgeEntry Entry, CandidateRow Row)> Candidates)>();
        for (var i = 0; i < training.Count; i++)
        {
            var message = training[i];
            var accepted = message.Intent is MessageIntent.Question or MessageIntent.OwnCase ? message.AcceptedEntries.ToHashSet(StringComparer.Ordinal) : [];
            var evidence = collector.Collect(message.Text, LanguageOf(message), outOfFold[i], excludeWriter: GroupOf(message));
            var candidates = new List<(KnowledgeEntry, CandidateRow)>();
            foreach (var id in evidence.CandidateIds(EvidenceCollector.PerSource))
            {
                if (knowledge.Find(id) is { } entry)
                {
                    var row = new CandidateRow { Features = CandidateFeatures.Of(evidence, entry), Label = accepted.Contains(id), Group = $"{i}|{message.Writer}|{message.Intent}" };
                    rows.Add(row);
                    candidates.Add((entry, row));
                }
            }
            rowsOf.Add((evidence, candidates));
        }
        Log($"answer model: {rows.Count} candidate rows, {rows.Count(r => r.Label)} right");
        if (Environment.GetEnvironmentVariable("STADSBOT_DUMP_ANSWER_ROWS") is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, rows.Select(r => string.Join('\t', r.Features.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend(r.Label ? "1" : "0").Prepend(r.Group))));
        }
        var answers = AnswerModel.Train(rows, effort.AnswerTrees);
        Log("answer model trained");

        // The router learns from the answer model's view of messages whose writer it was not trained on.
        var ranked = new IReadOnlyList<EntryCandidate>[training.Count];
        Parallel.For(0, Folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            var model = AnswerModel.Train(rowsOf.Where((_, i) => fold[i] != f).SelectMany(m => m.Candidates.Select(c => c.Row)).ToList(), effort.AnswerTrees);
            for (var i = 0; i < training.Count; i++)
            {
                if (fold[i] == f)
                {
                    ranked[i] = rowsOf[i].Candidates
                        .Select(c => new EntryCandidate(c.Entry, model.Probability(c.Row.Features), c.Entry.Question))
                        .OrderByDescending(c => c.Probability).ThenBy(c => c.Entry.Id, StringComparer.Ordinal)
                        .ToList();
                }
            }
            Log($"answer model, fold {f + 1} of {Folds}");
        });
        var router = RouterModel.Train(training.Select((m, i) => new RouteRow { Features = RouteFeatures.Of(rowsOf[i].Evidence, ranked[i]), Intent = m.Intent }).ToList(), effort.RouterIterations);
        Log("router trained");
        return new TrainedModels(examples, intentExamples, intents, answers, router);
    }

    public static Language LanguageOf(CorpusMessage message) => LanguageCodes.FromCode(message.Lang);

    /// <summary>Finnish, Arabic, Persian or Somali: each written by one writer per part.</summary>
    private static bool IsTranslated(CorpusMessage message) => LanguageOf(message).Written().IsTranslated();

    /// <summary>
    /// Folds by writer (writers in name order, dealt round): the models that give the answer model
    /// its evidence never saw the writer of the message, as they will never have seen the resident.
    /// A translated language's lines are all by one writer; left out whole, a fold would see none of
    /// that language, so they are dealt by a stable hash of the text instead.
    /// </summary>
    public static int[] FoldsOf(IReadOnlyList<CorpusMessage> training)
    {
        var writers = training.Where(m => !IsTranslated(m)).Select(m => m.Writer).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return training.Select(m => IsTranslated(m) ? FoldOf(m.Text) : writers.IndexOf(m.Writer) % Folds).ToArray();
    }

    /// <summary>The group a message's own examples are left out by when it is scored in training: its writer, or its writer's fold.</summary>
    public static string GroupOf(CorpusMessage message) => IsTranslated(message) ? $"{message.Writer}#{FoldOf(message.Text)}" : message.Writer;

    /// <summary>The knowledge base's own questions (in every language) and the corpus's questions, labelled with the entry that answers them.</summary>
    public static List<TextRow> ExampleRows(KnowledgeBase knowledge, IEnumerable<CorpusMessage> training, Func<string, Language, string> terms) =>
        knowledge.Entries.Where(e => !e.ContextOnly)
            .SelectMany(e => QuestionsOf(e).Select(q => new TextRow { Text = q.Text, Terms = terms(q.Text, q.Language), Label = e.Id }))
            .Concat(training
                .Where(m => m.Entry is not null && m.Entry != CorpusMessage.FacilityHours && knowledge.Find(m.Entry) is not null)
                .Select(m => new TextRow { Text = m.Text, Terms = terms(m.Text, LanguageOf(m)), Label = m.Entry!, Group = GroupOf(m) }))
            .ToList();

    /// <summary>The analysed words of every text in its language (easy Swedish as Swedish: look up with <c>Written()</c>), kept between builds.</summary>
    public static IReadOnlyDictionary<(string Text, Language Language), string> AnalyzedTerms(KnowledgeIndex index, IEnumerable<(string Text, Language Language)> texts) =>
        Text.AnalyzedTermsMemo.Of(index, texts);

    /// <summary>The corpus's messages labelled with their intent.</summary>
    public static List<TextRow> IntentRows(IEnumerable<CorpusMessage> training, Func<string, Language, string> terms) =>
        training.Select(m => new TextRow { Text = m.Text, Terms = terms(m.Text, LanguageOf(m)), Label = m.Intent, Group = GroupOf(m) }).ToList();

    /// <summary>Every question of the knowledge base with its language: Swedish, English and the translations.</summary>
    public static IEnumerable<(string Text, Language Language)> KnowledgeQuestions(KnowledgeBase knowledge) =>
        knowledge.Entries.SelectMany(QuestionsOf);

    private static IEnumerable<(string Text, Language Language)> QuestionsOf(KnowledgeEntry entry) =>
        LanguageCodes.Served.Where(l => l != Language.EasySwedish).SelectMany(l => entry.QuestionsIn(l).Select(q => (q, l)));

    /// <summary>A fold by a stable hash of the text, so adding a line never reshuffles the others.</summary>
    public static int FoldOf(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Folds);
    }
}
