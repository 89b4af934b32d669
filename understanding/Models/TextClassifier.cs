using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Understanding.Models;

/// <summary>
/// A multiclass text classifier (ML.NET): word 1–2-grams and character 3-grams of the message
/// (lower case, accents folded), plus the words as the knowledge index analyses them (lemmas,
/// synonyms, compound parts), into a maximum-entropy model whose scores are class probabilities.
/// Used for the message's intent and for the entry that answers it.
/// </summary>
public sealed class TextClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ThreadLocal<PredictionEngine<TextRow, ClassScores>> _engines;

    private TextClassifier(MLContext ml, ITransformer model, IReadOnlyList<string> classes)
    {
        _ml = ml;
        _model = model;
        Classes = classes;
        _engines = new ThreadLocal<PredictionEngine<TextRow, ClassScores>>(() => _ml.Model.CreatePredictionEngine<TextRow, ClassScores>(_model));
    }

    /// <summary>The class of each score, in score order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Probability per class (same order as <see cref="Classes"/>), summing to 1.</summary>
    public float[] Predict(string text, string terms) =>
        _engines.Value!.Predict(new TextRow { Text = text, Terms = terms }).Score;

    /// <summary>
    /// Trains on <paramref name="rows"/> with rare classes weighted up by the square root of their
    /// rarity: the classes that matter most (emergencies) are not drowned by the frequent ones, and
    /// the probabilities stay close enough to the truth that short, unusual messages are not taken
    /// for emergencies.
    /// </summary>
    public static TextClassifier Train(IReadOnlyList<TextRow> rows, int? passes = null, int seed = 1, bool balance = true)
    {
        var counts = rows.GroupBy(r => r.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var weighted = rows.Select(r => new TextRow
        {
            Text = r.Text,
            Terms = r.Terms,
            Label = r.Label,
            Weight = balance ? MathF.Sqrt((float)rows.Count / (counts.Count * counts[r.Label])) : 1f,
        }).ToList();
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(weighted);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(TextRow.Label))
            .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", TextOptions(), nameof(TextRow.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("TermFeatures", TermOptions(), nameof(TextRow.Terms)))
            .Append(ml.Transforms.Concatenate("Features", "TextFeatures", "TermFeatures"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                ExampleWeightColumnName = nameof(TextRow.Weight),
                MaximumNumberOfIterations = passes,
            }));
        var model = pipeline.Fit(data);
        return new TextClassifier(ml, model, ClassNames(model.GetOutputSchema(data.Schema)));
    }

    public void Save(string path)
    {
        var schema = SchemaOf(_ml);
        using var stream = File.Create(path);
        _ml.Model.Save(_model, schema, stream);
    }

    public static TextClassifier Load(string path)
    {
        var ml = new MLContext(1);
        using var stream = File.OpenRead(path);
        var model = ml.Model.Load(stream, out var schema);
        return new TextClassifier(ml, model, ClassNames(model.GetOutputSchema(schema)));
    }

    private static DataViewSchema SchemaOf(MLContext ml) => ml.Data.LoadFromEnumerable(Array.Empty<TextRow>()).Schema;

    private static List<string> ClassNames(DataViewSchema output)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToList();
    }

    private static TextFeaturizingEstimator.Options TextOptions() => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        StopWordsRemoverOptions = null,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private static TextFeaturizingEstimator.Options TermOptions() => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.None,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, UseAllLengths = true },
        CharFeatureExtractor = null,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };
}

/// <summary>One message for a <see cref="TextClassifier"/>: its text, its analysed terms, and (when training) its class.</summary>
public sealed class TextRow
{
    public string Text { get; set; } = "";
    public string Terms { get; set; } = "";
    public string Label { get; set; } = "";
    public float Weight { get; set; } = 1;

    /// <summary>Who wrote the example (a corpus writer, or the knowledge base), to leave a writer's own lines out.</summary>
    public string Group { get; set; } = "";
}

public sealed class ClassScores
{
    public float[] Score { get; set; } = [];
}
