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
    private static readonly Dictionary<string, Loaded> ByFolder = new(StringComparer.Ordinal);

    /// <param name="Lemmatizer">Null when the folder has no dictionary.</param>
    /// <param name="Fingerprint">A hash of the dictionary's files (of nothing when there is none): equal in every copy of the same dictionary.</param>
    public sealed record Loaded(Lemmatizer? Lemmatizer, string Fingerprint);

    /// <summary>The dictionary in <paramref name="contentDirectory"/>/hunspell, loaded on first use; its lemmatizer is shared and never disposed.</summary>
    public static Loaded Load(string contentDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(contentDirectory, "hunspell"));
        lock (Gate)
        {
            if (!ByFolder.TryGetValue(folder, out var loaded))
            {
                ByFolder[folder] = loaded = Read(folder);
            }
            return loaded;
        }
    }

    private static Loaded Read(string folder)
    {
        var aff = Path.Combine(folder, "sv_SE.aff");
        var dic = Path.Combine(folder, "sv_SE.dic");
        using var fingerprint = new Fingerprint();
        if (!File.Exists(aff) || !File.Exists(dic))
        {
            return new Loaded(null, fingerprint.ToString());
        }
        var affix = File.ReadAllBytes(aff);
        var words = File.ReadAllBytes(dic);
        fingerprint.Add(affix).Add(words);
        var dictionary = new HunspellDictionary(new MemoryStream(affix), [new MemoryStream(words)], ignoreCase: true);
        return new Loaded(new Lemmatizer(dictionary), fingerprint.ToString());
    }
}
