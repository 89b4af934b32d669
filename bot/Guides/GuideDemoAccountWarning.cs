namespace Bot.Guides;

/// <summary>Warns at start-up when the Development demo account is the only way in.</summary>
internal sealed class GuideDemoAccountWarning(GuideAccountStore accounts, ILogger<GuideDemoAccountWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (accounts.IsDemo)
        {
            GuideLog.DemoAccountActive(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
