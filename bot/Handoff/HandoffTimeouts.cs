using Microsoft.Extensions.Options;

namespace Bot.Handoff;

/// <summary>
/// Every half minute, on one instance at a time: cases queued longer than the queue timeout get the leave-a-message offer, and
/// cases of guides whose console has been gone longer than the grace period return to the queue.
/// </summary>
internal sealed class HandoffTimeouts(
    ICaseStore cases, HandoffService handoff, IGuidePresence presence, IOptions<HandoffOptions> options,
    Bot.Storage.IClusterLocks cluster, TimeProvider clock, ILogger<HandoffTimeouts> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly DateTimeOffset _started = clock.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // One instance at a time checks the queue, so a case times out (and its resident is told) once.
                await using var job = await cluster.TryAcquireAsync("job:handoff-timeouts", stoppingToken);
                if (job is not null)
                {
                    await RunOnceAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                HandoffTimeoutLog.Failed(logger, exception);
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var queueTimeout = TimeSpan.FromMinutes(options.Value.QueueTimeoutMinutes);
        foreach (var item in await cases.ListAsync(CaseStatus.Queued, cancellationToken))
        {
            if (now - item.CreatedAt > queueTimeout)
            {
                await handoff.ExpireQueuedAsync(item, cancellationToken);
            }
        }
        var grace = TimeSpan.FromMinutes(options.Value.GuideDisconnectMinutes);
        var gone = (await presence.GoneLongerThanAsync(grace)).Select(g => g.UserName).ToHashSet();
        foreach (var item in await cases.ListAsync(CaseStatus.Active, cancellationToken))
        {
            // After a restart, a guide who never reconnects has no presence at all.
            var neverBack = item.ClaimedBy is { } owner && await presence.GetAsync(owner) is null && now - _started > grace;
            if (item.ClaimedBy is { } guide && (gone.Contains(guide) || neverBack))
            {
                await handoff.ReleaseAsync(item, $"Vägledaren {item.ClaimedByName} var frånkopplad längre än {options.Value.GuideDisconnectMinutes} minuter.", cancellationToken);
            }
        }
    }
}

internal static partial class HandoffTimeoutLog
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "The handoff timeout check failed")]
    public static partial void Failed(ILogger logger, Exception exception);
}
