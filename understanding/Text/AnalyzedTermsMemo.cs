using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Knowledge;
using Knowledge.Search;

namespace Understanding.Text;

/// <summary>
/// The analysed words of the corpus and the knowledge questions, kept across rebuilds: analysing
/// them is most of the cost of building the example indexes, and a knowledge edit or a retraining
/// usually leaves the analysis unchanged (<see cref="KnowledgeIndex.AnalysisFingerprint"/>). Only the
/// texts of the few most recent analyses are kept. <c>knowledge train</c> also writes them beside
/// the models (<see cref="FileName"/>), so that a starting bot whose content is analysed alike reads
/// them instead of analysing the whole corpus again; a stale file is ignored.
/// </summary>
public static class AnalyzedTermsMemo
{
    public const string FileName = "analysed-terms.jsonl.gz";
    private static readonly RecentlyUsed<ConcurrentDictionary<(string, Language), string>> Recent = new(capacity: 3);

    /// <summary>The analysed words of every text in its language (easy Swedish as Swedish), the missing ones computed on all cores.</summary>
    public static IReadOnlyDictionary<(string Text, Language Language), string> Of(KnowledgeIndex index, IEnumerable<(string Text, Language Language)> texts)
    {
        var known = For(index.AnalysisFingerprint);
        var distinct = texts.Select(t => (t.Text, Language: t.Language.Written())).Distinct().ToList();
        var missing = distinct.Where(t => !known.ContainsKey(t)).ToList();
        Parallel.ForEach(missing, t => known[t] = string.Join(' ', index.AnalyzedTerms(t.Text, t.Language)));
        return distinct.ToDictionary(t => t, t => known[t]);
    }

    /// <summary>Writes the analysed words of <paramref name="texts"/> to <paramref name="directory"/>, headed by the analysis fingerprint.</summary>
    public static void Save(string directory, KnowledgeIndex index, IEnumerable<(string Text, Language Language)> texts)
    {
        var terms = Of(index, texts);
        var path = Path.Combine(directory, FileName);
        var staging = path + ".staging-" + Guid.NewGuid().ToString("N");
        using (var file = File.Create(staging))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            writer.WriteLine(index.AnalysisFingerprint);
            foreach (var ((text, language), analysed) in terms.OrderBy(t => t.Key.Language).ThenBy(t => t.Key.Text, StringComparer.Ordinal))
            {
                writer.WriteLine(JsonSerializer.Serialize(new SavedTerms(language.Code(), text, analysed)));
            }
        }
        File.Move(staging, path, overwrite: true);
    }

    /// <summary>Reads the texts saved in <paramref name="directory"/> when they were analysed as <paramref name="index"/> analyses; the number read.</summary>
    public static int Load(string directory, KnowledgeIndex index)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return 0;
        }
        try
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8);
            if (reader.ReadLine() != index.AnalysisFingerprint)
            {
                return 0;
            }
            var known = For(index.AnalysisFingerprint);
            var count = 0;
            while (reader.ReadLine() is { } line)
            {
                if (JsonSerializer.Deserialize<SavedTerms>(line) is { } saved && LanguageCodes.TryFromCode(saved.Lang) is { } language)
                {
                    known.TryAdd((saved.Text, language), saved.Terms);
                    count++;
                }
            }
            return count;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            // Only a cache: the texts are analysed again.
            return 0;
        }
    }

    private sealed record SavedTerms(string Lang, string Text, string Terms);

    private static ConcurrentDictionary<(string, Language), string> For(string fingerprint) =>
        Recent.GetOrAdd(fingerprint, () => new ConcurrentDictionary<(string, Language), string>());
}
