namespace Bot.Privacy;

/// <summary>
/// Applies the retention period at start-up and then every hour; with several instances, one of them
/// at a time (a cluster lock), the others skip that round.
/// </summary>
internal sealed class RetentionJob(PrivacyService privacy, Bot.Storage.IClusterLocks cluster, ILogger<RetentionJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The interval is real time even when Bot:Now fixes the clock; the cutoff follows the bot's clock.
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        do
        {
            try
            {
                await using var job = await cluster.TryAcquireAsync("job:retention", stoppingToken);
                if (job is not null)
                {
                    await privacy.ApplyRetentionAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                PrivacyLog.RetentionFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
