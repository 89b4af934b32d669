using Knowledge.Content;

namespace Knowledge;

/// <summary>The validated content: entries, topics, synonyms and lexicon.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, KnowledgeEntry> _byId;
    private readonly Dictionary<string, Topic> _topics;

    public KnowledgeBase(
        IReadOnlyList<KnowledgeEntry> entries,
        IReadOnlyList<Topic> topics,
        IReadOnlyList<SynonymGroup> synonyms,
        Lexicon lexicon,
        string contentDirectory)
    {
        Entries = entries;
        Topics = topics;
        Synonyms = synonyms;
        Lexicon = lexicon;
        ContentDirectory = contentDirectory;
        _byId = entries.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _topics = topics.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }
    public IReadOnlyList<Topic> Topics { get; }
    public IReadOnlyList<SynonymGroup> Synonyms { get; }
    public Lexicon Lexicon { get; }
    public string ContentDirectory { get; }

    /// <summary>Facilities with opening hours (facilities.yaml).</summary>
    public Facilities.FacilityCatalog Facilities { get; init; } = Knowledge.Facilities.FacilityCatalog.Empty;

    /// <summary>The fixed messages in the translated languages (messages.yaml), by key.</summary>
    public IReadOnlyDictionary<string, MessageTranslation> Messages { get; init; } = new Dictionary<string, MessageTranslation>();

    public KnowledgeEntry? Find(string id) => _byId.GetValueOrDefault(id);

    public Topic? FindTopic(string name) => _topics.GetValueOrDefault(name);

    public const string GeneralGroup = "Allmänna frågor";

    public string GroupFor(string? topic) =>
        topic is not null && _topics.TryGetValue(topic, out var t) ? t.Group : GeneralGroup;
}
