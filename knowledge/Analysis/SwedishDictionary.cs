using HunspellDictionary = Lucene.Net.Analysis.Hunspell.Dictionary;

namespace Knowledge.Analysis;

/// <summary>
/// The Swedish Hunspell dictionary (content/hunspell). Loading it takes about a second, so it is
/// loaded once per process and shared: it is immutable after loading.
/// </summary>
internal static class SwedishDictionary
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, HunspellDictionary?> Loaded = new(StringComparer.Ordinal);

    /// <summary>The dictionary in <paramref name="contentDirectory"/>/hunspell, or null when absent.</summary>
    public static HunspellDictionary? Load(string contentDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(contentDirectory, "hunspell"));
        lock (Gate)
        {
            if (Loaded.TryGetValue(folder, out var cached))
            {
                return cached;
            }
            var aff = Path.Combine(folder, "sv_SE.aff");
            var dic = Path.Combine(folder, "sv_SE.dic");
            HunspellDictionary? dictionary = null;
            if (File.Exists(aff) && File.Exists(dic))
            {
                using var affix = File.OpenRead(aff);
                using var words = File.OpenRead(dic);
                dictionary = new HunspellDictionary(affix, [words], ignoreCase: true);
            }
            Loaded[folder] = dictionary;
            return dictionary;
        }
    }
}
