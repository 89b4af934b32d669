using Bot.Turns;

namespace Bot.Privacy;

/// <summary>Erasure, export and retention over every <see cref="IPersonalDataStore"/>, audited.</summary>
internal sealed class PrivacyService(IEnumerable<IPersonalDataStore> stores, ConversationLocks locks, IPrivacyAudit audit, PrivacyOptions options, TimeProvider clock, ILogger<PrivacyService> logger)
{
    public const string RetentionActor = "retention";

    /// <summary>Erases one conversation everywhere; null when no store knew it.</summary>
    public async Task<IReadOnlyDictionary<string, int>?> EraseAsync(string conversationId, string actor, CancellationToken cancellationToken)
    {
        // Under the conversation's lock, so that no turn writes to it halfway through.
        await using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        var erased = new Dictionary<string, int>();
        foreach (var store in stores)
        {
            erased[store.Name] = await store.EraseConversationAsync(conversationId, cancellationToken);
        }
        var total = erased.Values.Sum();
        if (total == 0)
        {
            return null;
        }
        await audit.WriteAsync(clock.GetUtcNow(), actor, "erased", "conversation " + conversationId, total);
        return erased;
    }

    /// <summary>Everything stored about one conversation; null when no store knew it.</summary>
    public async Task<IReadOnlyDictionary<string, object>?> ExportAsync(string conversationId, string actor, CancellationToken cancellationToken)
    {
        var export = new Dictionary<string, object>();
        foreach (var store in stores)
        {
            if (await store.ExportConversationAsync(conversationId, cancellationToken) is { } part)
            {
                export[store.Name] = part;
            }
        }
        if (export.Count == 0)
        {
            return null;
        }
        await audit.WriteAsync(clock.GetUtcNow(), actor, "exported", "conversation " + conversationId, export.Count);
        return export;
    }

    /// <summary>Deletes what is older than the retention period, store by store.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.RetentionDays);
        var removed = new Dictionary<string, int>();
        foreach (var store in stores)
        {
            removed[store.Name] = await store.DeleteOlderThanAsync(cutoff, cancellationToken);
            if (removed[store.Name] > 0)
            {
                PrivacyLog.Retained(logger, store.Name, removed[store.Name], cutoff);
            }
        }
        if (removed.Values.Sum() > 0)
        {
            await audit.WriteAsync(clock.GetUtcNow(), RetentionActor, "deleted", $"data older than {options.RetentionDays} days", removed.Values.Sum());
        }
        return removed;
    }
}

/// <summary>Settings of personal data handling (configuration section "Privacy").</summary>
internal sealed record PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Transcripts and cases are deleted this many days after their last change.</summary>
    public int RetentionDays { get; init; } = 90;
}
