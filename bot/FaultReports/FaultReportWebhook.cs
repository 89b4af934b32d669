using System.Net.Http.Json;
using System.Threading.Channels;
using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary>
/// Sends each new or changed report (Open311 JSON) to <c>FaultReports:WebhookUrl</c>, in the
/// background so a slow case system never delays the resident. The database stays the record:
/// a failed delivery is logged and the export endpoint still has the report.
/// </summary>
internal sealed partial class FaultReportWebhook(IHttpClientFactory clients, IConfiguration configuration, FaultReportPhotoLinks photos, ILogger<FaultReportWebhook> logger) : BackgroundService
{
    public const string ClientName = "FaultReportWebhook";
    private readonly Channel<FaultReport> _queue = Channel.CreateBounded<FaultReport>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public string? Url => configuration["FaultReports:WebhookUrl"] is { Length: > 0 } url ? url : null;

    public void Enqueue(FaultReport report)
    {
        if (Url is not null)
        {
            _queue.Writer.TryWrite(report);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var report in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(Url, Open311Request.From(report, photos.ForCaseSystem(report, null)), stoppingToken);
                if (!response.IsSuccessStatusCode)
                {
                    LogFailed(logger, report.Reference, (int)response.StatusCode);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogUnreachable(logger, report.Reference, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Fault report webhook answered {StatusCode} for {Reference}")]
    private static partial void LogFailed(ILogger logger, string reference, int statusCode);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Fault report webhook unreachable for {Reference}: {Error}")]
    private static partial void LogUnreachable(ILogger logger, string reference, string error);
}

/// <summary>The store as the bot uses it: every new report and status change also goes to the webhook; a status change is told to the resident.</summary>
internal sealed class NotifyingFaultReportStore(IFaultReportRecords inner, FaultReportWebhook webhook, FaultReportResidentNotice residents) : IFaultReportStore
{
    public async Task<FaultReport> CreateAsync(NewFaultReport report, CancellationToken cancellationToken)
    {
        var stored = await inner.CreateAsync(report, cancellationToken);
        webhook.Enqueue(stored);
        return stored;
    }

    public Task<FaultReport?> GetAsync(string reference, CancellationToken cancellationToken) => inner.GetAsync(reference, cancellationToken);

    public Task<IReadOnlyList<FaultReport>> ListAsync(string? status, CancellationToken cancellationToken) => inner.ListAsync(status, cancellationToken);

    public async Task<FaultReport?> SetStatusAsync(string reference, string status, string? comment, string? by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var updated = await inner.SetStatusAsync(reference, status, comment, by, at, cancellationToken);
        if (updated is not null)
        {
            webhook.Enqueue(updated);
            await residents.SendAsync(updated, cancellationToken);
        }
        return updated;
    }
}
