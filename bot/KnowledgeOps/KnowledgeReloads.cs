using System.Diagnostics;
using Knowledge;
using Knowledge.Content;

namespace Bot.KnowledgeOps;

/// <summary>
/// Reloads the knowledge when its files change and runs edits of the files, one at a time, so that
/// an edit and a reload never interleave. A rejected reload keeps the last good knowledge serving.
/// </summary>
internal sealed class KnowledgeReloads : IDisposable
{
    private readonly KnowledgeProvider _knowledge;
    private readonly TimeProvider _clock;
    private readonly ILogger<KnowledgeReloads> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _fingerprint;

    public KnowledgeReloads(KnowledgeProvider knowledge, TimeProvider clock, ILogger<KnowledgeReloads> logger)
    {
        _knowledge = knowledge;
        _clock = clock;
        _logger = logger;
        _fingerprint = ContentFiles.Fingerprint(knowledge.ContentDirectory);
        State = new KnowledgeState(clock.GetUtcNow(), knowledge.Current.Knowledge.Entries.Count, [], null);
    }

    public KnowledgeState State { get; private set; }

    public string ContentDirectory => _knowledge.ContentDirectory;

    /// <summary>Reloads when a content file was added, removed or written since the last load.</summary>
    public async Task ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var fingerprint = ContentFiles.Fingerprint(_knowledge.ContentDirectory);
            if (fingerprint != _fingerprint)
            {
                ReloadHoldingGate(fingerprint, "the content files changed");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> (which changes content files, or returns null when it changes
    /// nothing) and reloads right after it, before any other edit or reload. <paramref name="beforeReload"/>
    /// runs between the two (with several instances: the edit is recorded and announced, so that the
    /// others reload at the same time as this one rather than after it).
    /// </summary>
    public async Task<(T? Result, IReadOnlyList<ContentProblem> Problems)> WriteAsync<T>(Func<T?> write, string reason, CancellationToken cancellationToken,
        Func<T, Task>? beforeReload = null)
        where T : class
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = write();
            if (result is null)
            {
                return (null, []);
            }
            if (beforeReload is not null)
            {
                await beforeReload(result);
            }
            return (result, ReloadHoldingGate(ContentFiles.Fingerprint(_knowledge.ContentDirectory), reason));
        }
        finally
        {
            _gate.Release();
        }
    }

    private IReadOnlyList<ContentProblem> ReloadHoldingGate(string fingerprint, string reason)
    {
        var watch = Stopwatch.StartNew();
        var problems = _knowledge.Reload();
        _fingerprint = fingerprint;
        if (problems.Count == 0)
        {
            var entries = _knowledge.Current.Knowledge.Entries.Count;
            State = new KnowledgeState(_clock.GetUtcNow(), entries, [], null);
            _logger.LogInformation("Knowledge reloaded because {Reason}: {Entries} entries in {Milliseconds} ms", reason, entries, watch.ElapsedMilliseconds);
        }
        else
        {
            State = State with { Problems = problems, RejectedAt = _clock.GetUtcNow() };
            _logger.LogWarning("Knowledge change rejected ({Count} problems); still serving the knowledge loaded at {LoadedAt}. First: {Problem}",
                problems.Count, State.LoadedAt, problems[0].ToString());
        }
        return problems;
    }

    public void Dispose() => _gate.Dispose();
}
