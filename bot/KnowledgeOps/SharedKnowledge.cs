using Bot.Storage;
using Bot.Storage.Postgres;
using Knowledge;
using Knowledge.Content;
using Knowledge.Search;

namespace Bot.KnowledgeOps;

/// <summary>An edit of the knowledge made through the guide API, as kept in the shared database.</summary>
/// <param name="Kind"><c>question</c> (an alternative question for an entry) or <c>file</c> (a draft's whole text)</param>
internal sealed record KnowledgeEditRecord(long Id, string Kind, string? EntryId, string File, string Text, string Actor);

/// <summary>
/// Knowledge edits shared by every instance (<c>Bot:Store=postgres</c>). The content shipped with a
/// release stays read-only; each instance answers from a working copy of it with the database's edits
/// applied in order (an alternative question is added to its entry unless the entry already has it, so
/// a later release that includes the edit does not double it). An edit is recorded under a cluster lock
/// after the instance has caught up, then every instance applies it within <see cref="Poll"/> (at once
/// when Redis carries the notice) and reloads.
/// </summary>
internal sealed class SharedKnowledge : BackgroundService
{
    public const string Signal = "knowledge";
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly PostgresDatabase _database;
    private readonly KnowledgeReloads _reloads;
    private readonly IClusterLocks _cluster;
    private readonly IClusterSignals _signals;
    private readonly ILogger<SharedKnowledge> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _changed = new(0);
    private long _applied;

    public SharedKnowledge(PostgresDatabase database, KnowledgeReloads reloads, IClusterLocks cluster, IClusterSignals signals, ILogger<SharedKnowledge> logger)
    {
        (_database, _reloads, _cluster, _signals, _logger) = (database, reloads, cluster, signals, logger);
        _applied = WorkingCopies.AppliedThrough(reloads.ContentDirectory);
        signals.Subscribe(Signal, () => _changed.Release());
    }

    /// <summary>
    /// Makes the working copy this instance answers from: the shipped content plus every recorded
    /// edit. Runs before the knowledge is first loaded.
    /// </summary>
    public static string PrepareWorkingCopy(PostgresDatabase database, string shippedContent)
    {
        RemoveWorkingCopiesOfDeadProcesses();
        var working = Directory.CreateTempSubdirectory($"stadsbot-content-{Environment.ProcessId}-").FullName;
        foreach (var file in Directory.EnumerateFiles(shippedContent, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(working, Path.GetRelativePath(shippedContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var edits = ReadSinceAsync(database, 0, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var edit in edits)
        {
            Apply(working, edit, null);
        }
        WorkingCopies.Remember(working, edits.Count > 0 ? edits[^1].Id : 0);
        return working;
    }

    /// <summary>An instance killed with kill -9 leaves its working copy behind; the next start on the machine removes it.</summary>
    private static void RemoveWorkingCopiesOfDeadProcesses()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "stadsbot-content-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[2], out var pid) || ProcessAlive(pid))
            {
                continue;
            }
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs an edit of this instance: caught up first, recorded in the database, announced to the others.
    /// The edit gets a function that records it: called once its files are written and checked, before
    /// this instance reloads, every instance reloads at the same time. An edit that does not call it is
    /// recorded when it returns.
    /// </summary>
    public async Task<T?> EditAsync<T>(Func<Func<KnowledgeEditRecord, Task>, Task<(T? Result, KnowledgeEditRecord? Edit)>> edit, CancellationToken cancellationToken) where T : class
    {
        await using var _ = await _cluster.AcquireAsync("knowledge-edit", cancellationToken);
        await CatchUpAsync(cancellationToken);
        var recorded = false;
        async Task RecordOnceAsync(KnowledgeEditRecord record)
        {
            if (!recorded)
            {
                recorded = true;
                await RecordAsync(record, cancellationToken);
            }
        }
        var (result, record) = await edit(RecordOnceAsync);
        if (record is not null)
        {
            await RecordOnceAsync(record);
        }
        return result;
    }

    private async Task RecordAsync(KnowledgeEditRecord record, CancellationToken cancellationToken)
    {
        var id = await _database.ScalarAsync<long>("INSERT INTO knowledge_edits (kind, entry_id, file, text, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            cancellationToken, record.Kind, record.EntryId, record.File, record.Text, record.Actor, DateTimeOffset.UtcNow);
        // Already in this instance's working copy. Not under _gate: the edit may run while this
        // instance's reload gate is held, and a catch-up takes the two the other way round.
        AppliedAtLeast(id);
        _signals.Publish(Signal);
    }

    private void AppliedAtLeast(long id)
    {
        var seen = Interlocked.Read(ref _applied);
        while (seen < id && Interlocked.CompareExchange(ref _applied, id, seen) is var before && before != seen)
        {
            seen = before;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(Poll, stoppingToken);
                await CatchUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Reading the shared knowledge edits failed; trying again");
            }
        }
    }

    /// <summary>Applies the edits other instances recorded since this one last looked, and reloads.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var edits = await ReadSinceAsync(_database, Interlocked.Read(ref _applied), cancellationToken);
            if (edits.Count == 0)
            {
                return;
            }
            await _reloads.WriteAsync(() =>
            {
                foreach (var edit in edits)
                {
                    Apply(_reloads.ContentDirectory, edit, _logger);
                }
                return "applied";
            }, $"{edits.Count} edit(s) from another instance", cancellationToken);
            AppliedAtLeast(edits[^1].Id);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<List<KnowledgeEditRecord>> ReadSinceAsync(PostgresDatabase database, long after, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT id, kind, entry_id, file, text, actor FROM knowledge_edits WHERE id > $1 ORDER BY id",
            r => new KnowledgeEditRecord(r.GetInt64(0), r.GetString(1), PostgresDatabase.Text(r, 2), r.GetString(3), r.GetString(4), r.GetString(5)), cancellationToken, after);

    private static void Apply(string contentDirectory, KnowledgeEditRecord edit, ILogger? logger)
    {
        var path = Path.GetFullPath(Path.Combine(contentDirectory, edit.File));
        if (!path.StartsWith(Path.GetFullPath(contentDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return;
        }
        if (edit.Kind == "file")
        {
            ContentFiles.WriteAtomically(path, edit.Text);
            return;
        }
        if (!File.Exists(path) || edit.EntryId is null)
        {
            logger?.LogWarning("Knowledge edit {Id}: {File} is gone; the question for {EntryId} was not applied", edit.Id, edit.File, edit.EntryId);
            return;
        }
        var text = ContentFiles.Read(path);
        var normalized = QuestionText.Normalize(edit.Text);
        if (text.Split('\n').Any(line => QuestionText.Normalize(line.Trim().TrimStart('-').Trim().Trim('"', '\'')) == normalized))
        {
            return; // already there (this release ships it)
        }
        if (EntryFileEditor.AddAlternative(text, edit.EntryId, edit.Text) is { } edited)
        {
            ContentFiles.WriteAtomically(path, edited);
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        _changed.Dispose();
        base.Dispose();
        try
        {
            // The working copy is a cache of the shipped content and the database; the next start makes a new one.
            Directory.Delete(_reloads.ContentDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Which edits a working copy made at start-up already holds.</summary>
    private static class WorkingCopies
    {
        private static readonly Dictionary<string, long> Applied = new(StringComparer.Ordinal);

        public static void Remember(string directory, long id)
        {
            lock (Applied)
            {
                Applied[directory] = id;
            }
        }

        public static long AppliedThrough(string directory)
        {
            lock (Applied)
            {
                return Applied.GetValueOrDefault(directory);
            }
        }
    }
}
