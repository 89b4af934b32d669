using System.Net.Http.Json;
using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary><c>FaultReports:WebhookUrl</c> (unset: no webhook) and <c>FaultReports:WebhookRetrySeconds</c>.</summary>
internal sealed record FaultReportWebhookOptions(string? Url, double RetrySeconds)
{
    public static FaultReportWebhookOptions From(IConfiguration configuration) => new(
        configuration["FaultReports:WebhookUrl"] is { Length: > 0 } url ? url : null,
        configuration.GetValue("FaultReports:WebhookRetrySeconds", 30.0));

    public bool Enabled => Url is not null;
}

/// <summary>
/// Delivers each new or changed report (Open311 JSON, the report as it is when delivered) to
/// <c>FaultReports:WebhookUrl</c>, from the durable outbox (<see cref="IWebhookOutbox"/>), in the background so
/// a slow case system never delays the resident. Each delivery is claimed by one instance; one the case
/// system does not take (unreachable, timeout, 5xx, 408, 429) is retried after <c>WebhookRetrySeconds</c>,
/// doubled each time up to an hour, also after a restart or on another instance. A 4xx refusal is logged
/// as an error and not retried.
/// </summary>
internal sealed partial class FaultReportWebhook(
    IWebhookOutbox outbox, IFaultReportRecords reports, IHttpClientFactory clients, FaultReportWebhookOptions options, FaultReportPhotoLinks photos,
    ILogger<FaultReportWebhook> logger) : BackgroundService
{
    public const string ClientName = "FaultReportWebhook";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);

    /// <summary>Longer than a delivery can take (the client's timeout is 10 s).</summary>
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>A report changed on this instance: deliver now rather than at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogWorkerFailed(logger, exception);
            }
            try
            {
                await _wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        while (await outbox.ClaimNextAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + Claim, cancellationToken) is { } delivery)
        {
            if (await DeliverAsync(delivery, cancellationToken))
            {
                await outbox.DoneAsync(delivery.Id, cancellationToken);
            }
            else
            {
                var wait = TimeSpan.FromSeconds(Math.Clamp(options.RetrySeconds * Math.Pow(2, Math.Min(delivery.Attempts, 20)), 1, 3600));
                await outbox.RetryAsync(delivery.Id, DateTimeOffset.UtcNow + wait, cancellationToken);
                LogRetrying(logger, delivery.Reference, delivery.Attempts + 1, wait.TotalSeconds);
            }
        }
    }

    /// <summary>True when the delivery is finished (taken, or refused for good); false when it is to be tried again.</summary>
    private async Task<bool> DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (await reports.GetAsync(delivery.Reference, cancellationToken) is not { } report)
        {
            return true;
        }
        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(options.Url, Open311Request.From(report, photos.ForCaseSystem(report, null)), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, report.Reference, delivery.Change);
                return true;
            }
            var status = (int)response.StatusCode;
            if (status is >= 400 and < 500 and not 408 and not 429)
            {
                LogRefused(logger, report.Reference, status);
                return true;
            }
            LogFailed(logger, report.Reference, status);
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, report.Reference, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Fault report webhook answered {StatusCode} for {Reference}")]
    private static partial void LogFailed(ILogger logger, string reference, int statusCode);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Fault report webhook unreachable for {Reference}: {Error}")]
    private static partial void LogUnreachable(ILogger logger, string reference, string error);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Fault report {Reference} ({Change}) delivered to the webhook")]
    private static partial void LogDelivered(ILogger logger, string reference, string change);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "Fault report webhook refused {Reference} with {StatusCode}; not retried")]
    private static partial void LogRefused(ILogger logger, string reference, int statusCode);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Fault report webhook for {Reference}: attempt {Attempt} failed, retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string reference, int attempt, double seconds);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error, Message = "The fault report webhook's outbox failed")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}

/// <summary>The store as the bot uses it: the webhook delivers a new report or status change at once (the store wrote it to the outbox); a status change is told to the resident.</summary>
internal sealed class NotifyingFaultReportStore(IFaultReportRecords inner, FaultReportWebhook webhook, FaultReportResidentNotice residents) : IFaultReportStore
{
    public async Task<FaultReport> CreateAsync(NewFaultReport report, CancellationToken cancellationToken)
    {
        var stored = await inner.CreateAsync(report, cancellationToken);
        webhook.Wake();
        return stored;
    }

    public Task<FaultReport?> GetAsync(string reference, CancellationToken cancellationToken) => inner.GetAsync(reference, cancellationToken);

    public Task<IReadOnlyList<FaultReport>> ListAsync(string? status, CancellationToken cancellationToken) => inner.ListAsync(status, cancellationToken);

    public async Task<FaultReport?> SetStatusAsync(string reference, string status, string? comment, string? by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var updated = await inner.SetStatusAsync(reference, status, comment, by, at, cancellationToken);
        if (updated is not null)
        {
            webhook.Wake();
            await residents.SendAsync(updated, cancellationToken);
        }
        return updated;
    }
}
