using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Understanding.Models;

/// <summary>
/// The calibrated decision whether an entry answers a message: boosted trees (ML.NET FastTree)
/// over <see cref="CandidateFeatures"/>, with Platt-calibrated probabilities.
/// </summary>
public sealed class AnswerModel
{
    public const string FileName = "answer.zip";
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ThreadLocal<PredictionEngine<CandidateRow, AnswerProbability>> _engines;

    private AnswerModel(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
        _engines = new ThreadLocal<PredictionEngine<CandidateRow, AnswerProbability>>(
            () => _ml.Model.CreatePredictionEngine<CandidateRow, AnswerProbability>(_model, inputSchemaDefinition: Schema()));
    }

    public float Probability(float[] features) =>
        _engines.Value!.Predict(new CandidateRow { Features = features }).Probability;

    public static AnswerModel Train(IReadOnlyList<CandidateRow> rows, int trees = 400, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows, Schema());
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfThreads = 1,
            NumberOfLeaves = 32,
            NumberOfTrees = trees,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            FeatureFraction = 1.0,
        });
        return new AnswerModel(ml, trainer.Fit(data));
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(Array.Empty<CandidateRow>(), Schema()).Schema, stream);
    }

    public static AnswerModel Load(string path)
    {
        var ml = new MLContext(1);
        using var stream = File.OpenRead(path);
        return new AnswerModel(ml, ml.Model.Load(stream, out _));
    }

    private static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(CandidateRow));
        schema[nameof(CandidateRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, CandidateFeatures.Count);
        return schema;
    }
}

public sealed class CandidateRow
{
    public float[] Features { get; set; } = [];
    public bool Label { get; set; }

    /// <summary>For analysis only: which message (and writer) the row belongs to; not a feature.</summary>
    [NoColumn]
    public string Group { get; set; } = "";
}

public sealed class AnswerProbability
{
    public float Probability { get; set; }
}
