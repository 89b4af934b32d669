using Knowledge.Content;
using Knowledge.Search;

namespace Knowledge;

/// <summary>
/// Holds the knowledge the bot answers from. Reloading builds a complete new index first and swaps
/// it in only when the content is valid, so a bad edit never takes the bot down.
/// </summary>
public sealed class KnowledgeProvider : IDisposable
{
    private volatile KnowledgeIndex _current;
    private volatile IAnswerSource? _answers;
    private readonly Lock _reloadGate = new();

    private KnowledgeProvider(KnowledgeIndex index, string contentDirectory)
    {
        _current = index;
        ContentDirectory = contentDirectory;
    }

    public string ContentDirectory { get; }

    public KnowledgeIndex Current => _current;

    /// <summary>Where answers come from: the configured remote source, else the current index.</summary>
    public IAnswerSource Answers => _answers ?? _current;

    /// <summary>Answers from another source (e.g. Azure AI Language question answering) instead of the embedded index.</summary>
    public void UseAnswerSource(IAnswerSource? source) => _answers = source;

    /// <summary>Raised after new knowledge was swapped in (on the thread that reloaded).</summary>
    public event Action<KnowledgeIndex>? Reloaded;

    /// <summary>Problems of the last reload attempt that was rejected (empty when it succeeded).</summary>
    public IReadOnlyList<ContentProblem> LastProblems { get; private set; } = [];

    /// <summary>Loads and indexes the content, or returns the problems that prevent it.</summary>
    public static (KnowledgeProvider? Provider, IReadOnlyList<ContentProblem> Problems) Open(string contentDirectory)
    {
        // The Swedish dictionary takes longest to load and does not depend on the rest of the content: read both at once.
        var dictionary = Task.Run(() => Analysis.SwedishDictionary.Load(contentDirectory));
        var loaded = ContentLoader.Load(contentDirectory);
        if (!loaded.IsValid)
        {
            return (null, loaded.Problems);
        }
        dictionary.Wait();
        MessageCatalog.Use(loaded.Knowledge!.Messages);
        return (new KnowledgeProvider(KnowledgeIndex.Build(loaded.Knowledge!), contentDirectory), []);
    }

    /// <summary>Reloads the content; keeps serving the previous knowledge when the new content has problems.</summary>
    public IReadOnlyList<ContentProblem> Reload()
    {
        lock (_reloadGate)
        {
            var loaded = ContentLoader.Load(ContentDirectory);
            LastProblems = loaded.Problems;
            if (!loaded.IsValid)
            {
                return loaded.Problems;
            }
            var previous = _current;
            _current = KnowledgeIndex.Build(loaded.Knowledge!);
            MessageCatalog.Use(loaded.Knowledge!.Messages);
            // In-flight searches may still use the previous index; it holds only memory, so it is
            // left to the garbage collector rather than disposed under their feet.
            GC.KeepAlive(previous);
            Reloaded?.Invoke(_current);
            return [];
        }
    }

    public void Dispose() => _current.Dispose();
}
