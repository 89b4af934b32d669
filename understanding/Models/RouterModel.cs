using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Understanding.Corpus;

namespace Understanding.Models;

/// <summary>
/// What a message needs, judged on all the evidence at once (<see cref="RouteFeatures"/>): boosted
/// trees (ML.NET LightGBM, multiclass) trained on evidence the other models gave on messages of
/// writers they never saw.
/// </summary>
public sealed class RouterModel
{
    public const string FileName = "router.zip";
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly IReadOnlyList<string> _classes;
    private readonly ThreadLocal<PredictionEngine<RouteRow, RouteScores>> _engines;

    private RouterModel(MLContext ml, ITransformer model, DataViewSchema input)
    {
        _ml = ml;
        _model = model;
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(input)["Score"].GetSlotNames(ref names);
        _classes = names.DenseValues().Select(n => n.ToString()).ToList();
        _engines = new ThreadLocal<PredictionEngine<RouteRow, RouteScores>>(
            () => _ml.Model.CreatePredictionEngine<RouteRow, RouteScores>(_model, inputSchemaDefinition: Schema()));
    }

    public IntentScores Predict(float[] features)
    {
        var scores = _engines.Value!.Predict(new RouteRow { Features = features }).Score;
        var probabilities = MessageIntent.All.ToDictionary(i => i, _ => 0f, StringComparer.Ordinal);
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[_classes[i]] = scores[i];
        }
        return new IntentScores(probabilities);
    }

    public static RouterModel Train(IReadOnlyList<RouteRow> rows, int iterations = 200, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows, Schema());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(RouteRow.Intent))
            .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfLeaves = 16,
                NumberOfIterations = iterations,
                LearningRate = 0.05,
                MinimumExampleCountPerLeaf = 10,
                NumberOfThreads = 1,
                Seed = seed,
                Deterministic = true,
            }));
        return new RouterModel(ml, pipeline.Fit(data), data.Schema);
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(Array.Empty<RouteRow>(), Schema()).Schema, stream);
    }

    public static RouterModel Load(string path)
    {
        var ml = new MLContext(1);
        using var stream = File.OpenRead(path);
        var model = ml.Model.Load(stream, out var schema);
        return new RouterModel(ml, model, schema);
    }

    private static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(RouteRow));
        schema[nameof(RouteRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, RouteFeatures.Count);
        return schema;
    }
}

public sealed class RouteRow
{
    public float[] Features { get; set; } = [];
    public string Intent { get; set; } = "";
}

public sealed class RouteScores
{
    public float[] Score { get; set; } = [];
}
