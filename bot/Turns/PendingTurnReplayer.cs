using Bot.Storage;
using Dialogs.Protocol;

namespace Bot.Turns;

/// <summary>A channel whose accepted turns can be run again after a crash: where the replies of a conversation go.</summary>
internal interface ITurnReplyChannel
{
    /// <summary>The name stored with a pending turn (<c>directline</c>, <c>connector</c>).</summary>
    string Name { get; }

    /// <summary>How to send the replies of a turn in the conversation; null when the conversation is gone.</summary>
    Task<Func<Activity, CancellationToken, Task<string>>?> RepliesAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// A turn that died after storing its replies: deliver them again where stored is not delivered
    /// (a channel outside our log). Direct Line's log is its delivery, so it does nothing.
    /// </summary>
    Task RedeliverAsync(string conversationId, IReadOnlyList<Activity> replies, CancellationToken cancellationToken);
}

/// <summary>
/// Finishes turns that were accepted but never answered because the process that took them died:
/// at start-up and then every few seconds, each pending turn whose conversation lock is free (on any
/// instance) is run again, unless its reply is already in the log. The lock is the lease: a live turn
/// holds it, a dead instance's locks end with its database session, so exactly one instance replays.
/// A turn that keeps failing is given up after <see cref="MaxAttempts"/> and logged.
/// </summary>
internal sealed partial class PendingTurnReplayer(
    IConversationStore store, ConversationLocks locks, TurnProcessor turns, IEnumerable<ITurnReplyChannel> channels,
    ILogger<PendingTurnReplayer> logger) : BackgroundService
{
    public const int MaxAttempts = 3;

    /// <summary>How often pending turns are looked for; a live turn takes milliseconds, so this only matters after a crash.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>A pending turn younger than this is probably still running where it was accepted.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, ITurnReplyChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await ReplayDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogScanFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Replays every pending turn that nobody is running; returns how many were run again.</summary>
    public async Task<int> ReplayDueAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        foreach (var pending in await store.PendingTurnsAsync(DateTimeOffset.UtcNow - Grace, 200, cancellationToken))
        {
            await using var held = await locks.TryAcquireAsync(pending.ConversationId, cancellationToken);
            if (held is null)
            {
                continue; // running now, here or on another instance
            }
            if (!await store.IsTurnPendingAsync(pending.ConversationId, pending.ActivityId, cancellationToken))
            {
                continue; // finished between the scan and the lock
            }
            replayed += await ReplayHoldingLockAsync(pending, cancellationToken) ? 1 : 0;
        }
        return replayed;
    }

    private async Task<bool> ReplayHoldingLockAsync(PendingTurn pending, CancellationToken cancellationToken)
    {
        var attempts = await store.CountReplayAttemptAsync(pending.ConversationId, pending.ActivityId, cancellationToken);
        var activity = pending.Activity;
        if (activity is null && pending.Sequence is { } sequence)
        {
            var stored = await store.GetActivitiesAsync(pending.ConversationId, sequence, cancellationToken);
            activity = stored.FirstOrDefault(a => a.Sequence == sequence)?.Activity;
        }
        if (attempts > MaxAttempts || activity is null || !_channels.TryGetValue(pending.Channel, out var channel)
            || await channel.RepliesAsync(pending.ConversationId, cancellationToken) is not { } send)
        {
            LogGivenUp(logger, pending.ConversationId, pending.ActivityId, attempts);
            await store.CompleteTurnAsync(pending.ConversationId, pending.ActivityId, cancellationToken);
            return false;
        }
        LogReplaying(logger, pending.ConversationId, pending.ActivityId, pending.AcceptedAt);
        await turns.RunHoldingLockAsync(new TurnInput(activity, pending.Sequence, RunTurn: true, Pending: true, Replay: true), send,
            replies => channel.RedeliverAsync(pending.ConversationId, replies, cancellationToken));
        return true;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Replaying the unfinished turn of activity {ActivityId} in conversation {ConversationId}, accepted at {AcceptedAt}")]
    private static partial void LogReplaying(ILogger logger, string conversationId, string activityId, DateTimeOffset acceptedAt);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Gave up the pending turn of activity {ActivityId} in conversation {ConversationId} after {Attempts} attempts (or its conversation is gone)")]
    private static partial void LogGivenUp(ILogger logger, string conversationId, string activityId, int attempts);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "Looking for pending turns failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
