namespace Bot.Privacy;

/// <summary>Applies the retention period at start-up and then every hour.</summary>
internal sealed class RetentionJob(PrivacyService privacy, ILogger<RetentionJob> logger) : BackgroundService
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
                await privacy.ApplyRetentionAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                PrivacyLog.RetentionFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
