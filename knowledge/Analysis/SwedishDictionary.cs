using HunspellDictionary = Lucene.Net.Analysis.Hunspell.Dictionary;

namespace Knowledge.Analysis;

/// <summary>
/// The Swedish Hunspell dictionary (content/hunspell). Loading it takes about a second, so it is
/// loaded once per process and shared: it is immutable after loading. So is its lemmatizer, whose
/// cache then survives knowledge reloads (a word's lemma depends on the dictionary only).
/// </summary>
internal static class SwedishDictionary
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, HunspellDictionary?> Loaded = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Lemmatizer?> Lemmatizers = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Fingerprints = new(StringComparer.Ordinal);

    /// <summary>A hash of the dictionary's files (of nothing when there is none): equal in every copy of the same dictionary.</summary>
    public static string Fingerprint(string contentDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(contentDirectory, "hunspell"));
        lock (Gate)
        {
            if (!Fingerprints.TryGetValue(folder, out var fingerprint))
            {
                using var hash = new Knowledge.Fingerprint();
                foreach (var file in new[] { "sv_SE.aff", "sv_SE.dic" }.Select(f => Path.Combine(folder, f)).Where(File.Exists))
                {
                    hash.Add(File.ReadAllBytes(file));
                }
                Fingerprints[folder] = fingerprint = hash.ToString();
            }
            return fingerprint;
        }
    }

    /// <summary>The lemmatizer of the dictionary in <paramref name="contentDirectory"/>/hunspell (shared, never disposed), or null when there is none.</summary>
    public static Lemmatizer? LemmatizerFor(string contentDirectory)
    {
        var dictionary = Load(contentDirectory);
        var folder = Path.GetFullPath(Path.Combine(contentDirectory, "hunspell"));
        lock (Gate)
        {
            if (!Lemmatizers.TryGetValue(folder, out var lemmatizer))
            {
                Lemmatizers[folder] = lemmatizer = dictionary is null ? null : new Lemmatizer(dictionary);
            }
            return lemmatizer;
        }
    }

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
