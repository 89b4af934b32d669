using Knowledge;

namespace Understanding.Models;

/// <summary>
/// Labelled examples (the knowledge base's own questions and the corpus's resident messages) as
/// TF-IDF vectors of their analysed words, searchable by cosine similarity: the entries whose
/// examples are nearest to a new message. Unlike a trained classifier, an example added by an
/// editor counts from the next build on.
/// </summary>
/// <remarks>
/// The weighting is ML.NET's word bag with TF-IDF and an L2 norm (raw count × ln(N / df)), the one
/// the answer model was trained with, computed directly: building it for the whole corpus and
/// vectorizing a message are dictionary look-ups rather than a data pipeline.
/// </remarks>
public sealed class ExampleIndex
{
    private readonly Dictionary<string, (int Id, float Idf)> _vocabulary;
    private readonly string[] _labels;
    private readonly string[] _groups;
    private readonly (int Row, float Weight)[][] _postings;
    private const int NeighboursPerLabel = 2;

    private ExampleIndex(Dictionary<string, (int Id, float Idf)> vocabulary, string[] labels, string[] groups, (int Row, float Weight)[][] postings)
    {
        _vocabulary = vocabulary;
        _labels = labels;
        _groups = groups;
        _postings = postings;
    }

    public int Count => _labels.Length;

    private static readonly RecentlyUsed<ExampleIndex> Recent = new(capacity: 4);

    /// <summary>
    /// The index of <paramref name="rows"/>. The few most recent indexes are kept by a fingerprint of
    /// their rows: a knowledge reload leaves the corpus's intent examples as they were, and a
    /// retraining builds the same indexes as the bot that runs it.
    /// </summary>
    public static ExampleIndex Build(IReadOnlyList<TextRow> rows)
    {
        using var fingerprint = new Fingerprint();
        foreach (var row in rows)
        {
            fingerprint.Add(row.Terms).Add(row.Label).Add(row.Group);
        }
        return Recent.GetOrAdd(fingerprint.ToString(), () => BuildNew(rows));
    }

    private static ExampleIndex BuildNew(IReadOnlyList<TextRow> rows)
    {
        var tokens = rows.Select(r => Tokens(r.Terms)).ToArray();
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in tokens)
        {
            foreach (var term in row.Distinct(StringComparer.Ordinal))
            {
                if (!frequencies.TryGetValue(term, out var count))
                {
                    order.Add(term);
                }
                frequencies[term] = count + 1;
            }
        }
        var vocabulary = new Dictionary<string, (int Id, float Idf)>(order.Count, StringComparer.Ordinal);
        foreach (var term in order)
        {
            vocabulary[term] = (vocabulary.Count, (float)Math.Log((double)rows.Count / frequencies[term]));
        }
        var postings = new List<(int, float)>[vocabulary.Count];
        for (var row = 0; row < tokens.Length; row++)
        {
            foreach (var (id, weight) in Vector(vocabulary, tokens[row]))
            {
                (postings[id] ??= []).Add((row, weight));
            }
        }
        return new ExampleIndex(vocabulary, rows.Select(r => r.Label).ToArray(), rows.Select(r => r.Group).ToArray(),
            postings.Select(p => p?.ToArray() ?? []).ToArray());
    }

    /// <summary>
    /// Labels by similarity to <paramref name="terms"/>: the mean of the two nearest examples'
    /// cosine similarities per label, best first. Examples of <paramref name="excludeGroup"/> are
    /// left out: a training message is scored without its own writer's lines, as a new resident's
    /// message would be.
    /// </summary>
    public IReadOnlyList<(string Label, float Score)> Nearest(string terms, int count, string? excludeGroup = null)
    {
        // Scores by row in a pooled array; only the rows that share a term with the message are visited.
        var similarity = System.Buffers.ArrayPool<float>.Shared.Rent(_labels.Length);
        Array.Clear(similarity, 0, _labels.Length);
        var touched = new List<int>();
        try
        {
            foreach (var (id, weight) in Vector(_vocabulary, Tokens(terms)))
            {
                foreach (var (row, rowWeight) in _postings[id])
                {
                    if (similarity[row] == 0)
                    {
                        touched.Add(row);
                    }
                    similarity[row] += weight * rowWeight;
                }
            }
            var byLabel = new Dictionary<string, (float First, float Second)>(StringComparer.Ordinal);
            foreach (var row in touched)
            {
                var score = similarity[row];
                if (excludeGroup is not null && string.Equals(_groups[row], excludeGroup, StringComparison.Ordinal))
                {
                    continue;
                }
                var best = byLabel.GetValueOrDefault(_labels[row]);
                byLabel[_labels[row]] = score > best.First ? (score, best.First) : (best.First, Math.Max(best.Second, score));
            }
            return Ranked(byLabel, count);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(similarity);
        }
    }

    private static List<(string Label, float Score)> Ranked(Dictionary<string, (float First, float Second)> byLabel, int count) =>
        byLabel
            .Select(p => (p.Key, (p.Value.First + p.Value.Second) / NeighboursPerLabel))
            .OrderByDescending(p => p.Item2)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    private static string[] Tokens(string terms) => terms.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The L2-normalized TF-IDF weights of the known terms; terms with no weight (in every example) are left out.</summary>
    private static List<(int Id, float Weight)> Vector(Dictionary<string, (int Id, float Idf)> vocabulary, string[] tokens)
    {
        var counts = new Dictionary<int, (int Count, float Idf)>();
        foreach (var token in tokens)
        {
            if (vocabulary.TryGetValue(token, out var term))
            {
                counts[term.Id] = (counts.GetValueOrDefault(term.Id).Count + 1, term.Idf);
            }
        }
        var weights = counts.Select(c => (Id: c.Key, Weight: c.Value.Count * c.Value.Idf)).Where(w => w.Weight != 0).ToList();
        var norm = MathF.Sqrt(weights.Sum(w => w.Weight * w.Weight));
        return norm == 0 ? [] : weights.Select(w => (w.Id, w.Weight / norm)).ToList();
    }
}
