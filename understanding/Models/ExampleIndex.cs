using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Understanding.Models;

/// <summary>
/// Labelled examples (the knowledge base's own questions and the corpus's resident messages) as
/// TF-IDF vectors of their analysed words (ML.NET text featurization), searchable by cosine
/// similarity: the entries whose examples are nearest to a new message. Unlike a trained
/// classifier, an example added by an editor counts from the next build on.
/// </summary>
public sealed class ExampleIndex
{
    private readonly MLContext _ml;
    private readonly ITransformer _vectorizer;
    private readonly ThreadLocal<PredictionEngine<TextRow, VectorRow>> _engines;
    private readonly string[] _labels;
    private readonly string[] _groups;
    private readonly Dictionary<int, (int Row, float Weight)[]> _postings;
    private const int NeighboursPerLabel = 2;

    private ExampleIndex(MLContext ml, ITransformer vectorizer, IReadOnlyList<TextRow> rows, IReadOnlyList<KeyValuePair<int, float>[]> vectors)
    {
        _ml = ml;
        _vectorizer = vectorizer;
        _engines = new ThreadLocal<PredictionEngine<TextRow, VectorRow>>(() => _ml.Model.CreatePredictionEngine<TextRow, VectorRow>(_vectorizer));
        _labels = rows.Select(r => r.Label).ToArray();
        _groups = rows.Select(r => r.Group).ToArray();
        var postings = new Dictionary<int, List<(int, float)>>();
        for (var row = 0; row < vectors.Count; row++)
        {
            foreach (var (feature, weight) in vectors[row])
            {
                if (!postings.TryGetValue(feature, out var list))
                {
                    postings[feature] = list = [];
                }
                list.Add((row, weight));
            }
        }
        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    public int Count => _labels.Length;

    public static ExampleIndex Build(IReadOnlyList<TextRow> rows)
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var vectorizer = ml.Transforms.Text.FeaturizeText(nameof(VectorRow.Features), new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, nameof(TextRow.Terms)).Fit(data);
        var vectors = vectorizer.Transform(data).GetColumn<VBuffer<float>>(nameof(VectorRow.Features))
            .Select(Sparse)
            .ToList();
        return new ExampleIndex(ml, vectorizer, rows, vectors);
    }

    /// <summary>
    /// Labels by similarity to <paramref name="terms"/>: the mean of the two nearest examples'
    /// cosine similarities per label, best first. Examples of <paramref name="excludeGroup"/> are
    /// left out: a training message is scored without its own writer's lines, as a new resident's
    /// message would be.
    /// </summary>
    public IReadOnlyList<(string Label, float Score)> Nearest(string terms, int count, string? excludeGroup = null)
    {
        var vector = Sparse(_engines.Value!.Predict(new TextRow { Terms = terms }).Features);
        var similarity = new Dictionary<int, float>();
        foreach (var (feature, weight) in vector)
        {
            if (!_postings.TryGetValue(feature, out var rows))
            {
                continue;
            }
            foreach (var (row, rowWeight) in rows)
            {
                similarity[row] = similarity.GetValueOrDefault(row) + (weight * rowWeight);
            }
        }
        var byLabel = new Dictionary<string, (float First, float Second)>(StringComparer.Ordinal);
        foreach (var (row, score) in similarity)
        {
            if (excludeGroup is not null && string.Equals(_groups[row], excludeGroup, StringComparison.Ordinal))
            {
                continue;
            }
            var best = byLabel.GetValueOrDefault(_labels[row]);
            byLabel[_labels[row]] = score > best.First ? (score, best.First) : (best.First, Math.Max(best.Second, score));
        }
        return byLabel
            .Select(p => (p.Key, (p.Value.First + p.Value.Second) / NeighboursPerLabel))
            .OrderByDescending(p => p.Item2)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private static KeyValuePair<int, float>[] Sparse(VBuffer<float> vector) =>
        vector.Items().Where(p => p.Value != 0).ToArray();

    private sealed class VectorRow
    {
        public VBuffer<float> Features { get; set; }
    }
}
