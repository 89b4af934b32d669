namespace Bot.Uploads;

/// <summary>
/// One upload counter: the bytes counted under <paramref name="Key"/> in the window that started at
/// <paramref name="WindowStart"/>, at most <paramref name="Limit"/>; kept until <paramref name="ExpiresAt"/>.
/// </summary>
internal sealed record QuotaCounter(string Key, DateTimeOffset WindowStart, DateTimeOffset ExpiresAt, long Limit);

/// <summary>
/// The upload quota counters (bytes per conversation, per client address and hour, in all per hour).
/// SQLite by default; a shared store when scaled out, so that the limits hold across instances.
/// </summary>
internal interface IUploadQuotaStore
{
    /// <summary>The bytes counted so far on each counter, in the same order.</summary>
    Task<IReadOnlyList<long>> UsedAsync(IReadOnlyList<QuotaCounter> counters, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="bytes"/> to every counter at once, unless one would go over its limit: then
    /// nothing is added and that counter is returned. Atomic, so that concurrent uploads cannot overshoot.
    /// </summary>
    Task<QuotaCounter?> TryAddAsync(IReadOnlyList<QuotaCounter> counters, long bytes, CancellationToken cancellationToken);
}
