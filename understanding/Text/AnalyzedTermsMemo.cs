using System.Collections.Concurrent;
using Knowledge;
using Knowledge.Search;

namespace Understanding.Text;

/// <summary>
/// The analysed words of the corpus and the knowledge questions, kept across rebuilds: analysing
/// them is most of the cost of building the example indexes, and a knowledge edit or a retraining
/// usually leaves the analysis unchanged (<see cref="KnowledgeIndex.AnalysisFingerprint"/>). Only the
/// texts of the few most recent analyses are kept.
/// </summary>
public static class AnalyzedTermsMemo
{
    private const int Analyses = 3;
    private static readonly Lock Gate = new();
    private static readonly LinkedList<(string Fingerprint, ConcurrentDictionary<(string, Language), string> Terms)> Recent = new();

    /// <summary>The analysed words of every text in its language (easy Swedish as Swedish), the missing ones computed on all cores.</summary>
    public static IReadOnlyDictionary<(string Text, Language Language), string> Of(KnowledgeIndex index, IEnumerable<(string Text, Language Language)> texts)
    {
        var known = For(index.AnalysisFingerprint);
        var distinct = texts.Select(t => (t.Text, Language: t.Language.Written())).Distinct().ToList();
        var missing = distinct.Where(t => !known.ContainsKey(t)).ToList();
        Parallel.ForEach(missing, t => known[t] = string.Join(' ', index.AnalyzedTerms(t.Text, t.Language)));
        return distinct.ToDictionary(t => t, t => known[t]);
    }

    private static ConcurrentDictionary<(string, Language), string> For(string fingerprint)
    {
        lock (Gate)
        {
            for (var node = Recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Fingerprint == fingerprint)
                {
                    Recent.Remove(node);
                    Recent.AddFirst(node);
                    return node.Value.Terms;
                }
            }
            var terms = new ConcurrentDictionary<(string, Language), string>();
            Recent.AddFirst((fingerprint, terms));
            while (Recent.Count > Analyses)
            {
                Recent.RemoveLast();
            }
            return terms;
        }
    }
}
