using System.Text.Json;
using Understanding.Corpus;

namespace Understanding.Tests;

/// <summary>
/// A throw-away knowledge folder with two topics of the shipped content and the corpus lines about
/// them (plus some of every other intent), small enough to train on in seconds.
/// </summary>
internal sealed class SmallKnowledge : IDisposable
{
    private static readonly string[] Files = ["bibliotek.yaml", "parkering.yaml", "kontaktcenter.yaml"];

    public SmallKnowledge()
    {
        Root = Directory.CreateTempSubdirectory("small-knowledge-").FullName;
        var content = Path.Combine(Root, "content");
        Directory.CreateDirectory(Path.Combine(content, "entries"));
        File.WriteAllText(Path.Combine(content, "topics.yaml"), "topics:\n  - name: bibliotek\n    group: Allmänna frågor\n  - name: parkering\n    group: Parkering\n  - name: kontaktcenter\n    group: Allmänna frågor\n");
        foreach (var file in Files)
        {
            File.Copy(Path.Combine(Shipped.Root, "content", "entries", file), Path.Combine(content, "entries", file));
        }
        File.Copy(Path.Combine(Shipped.Root, "content", "lexicon.yaml"), Path.Combine(content, "lexicon.yaml"));
        var (provider, problems) = global::Knowledge.KnowledgeProvider.Open(content);
        Knowledge = provider ?? throw new InvalidOperationException(string.Join("; ", problems));
        Copy(CorpusReader.TrainFolder, perIntent: 25);
        Copy(CorpusReader.ValidationFolder, perIntent: 12);
    }

    public string Root { get; }

    public string Training => Path.Combine(Root, "training");

    public string Models => Path.Combine(Root, "models");

    public global::Knowledge.KnowledgeProvider Knowledge { get; }

    public string TrainFile => Path.Combine(Training, CorpusReader.TrainFolder, "small.jsonl");

    /// <summary>The shipped corpus's lines about this knowledge's entries, and a few of every other intent, one file per writer kept apart.</summary>
    private void Copy(string part, int perIntent)
    {
        var entries = Knowledge.Current.Knowledge.Entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var lines = Shipped.Part(part)
            .Where(m => m.Entry is null ? m.Intent != MessageIntent.Question : entries.Contains(m.Entry) && m.Also.All(entries.Contains))
            .GroupBy(m => (m.Intent, m.Entry))
            .SelectMany(g => g.Take(g.Key.Entry is null ? perIntent : 3))
            .Select(m => JsonSerializer.Serialize(new { text = m.Text, lang = m.Lang, intent = m.Intent, entry = m.Entry, also = m.Also, tags = m.Tags, writer = m.Writer }));
        var folder = Path.Combine(Training, part);
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "small.jsonl"), lines);
    }

    public void Dispose()
    {
        Knowledge.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
