using Bot.Handoff;
using Microsoft.Extensions.Options;

namespace Bot.Email;

/// <summary>
/// Sends the outbox: at start-up (anything accepted before a restart), when a guide queues an e-mail,
/// and every few seconds for retries and for e-mails queued through other instances. A failed send waits <see cref="EmailOptions.RetrySeconds"/>, doubled
/// each time up to an hour, and is tried again until it goes; nothing is dropped.
/// </summary>
internal sealed class EmailOutboxWorker(
    IEmailOutbox outbox, IEmailSender sender, ICaseStore cases, GuideNotifier notifier, IOptions<EmailOptions> options,
    TimeProvider clock, ILogger<EmailOutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _wake = new(0);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                EmailLog.WorkerFailed(logger, exception);
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

    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        // One e-mail at a time, each claimed for longer than a send can take (MailKit's timeout is 30 s per step):
        // with several instances, each e-mail is sent by the one that claimed it. The outbox runs on real time
        // (Bot:Now fixes the bot's answers, not the sending and its backoff).
        while (await outbox.ClaimNextAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + Claim, cancellationToken) is { } email)
        {
            try
            {
                await sender.SendAsync(email, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Clamp(options.Value.RetrySeconds * Math.Pow(2, Math.Min(email.Attempts, 20)), 1, 3600));
                await outbox.MarkFailedAsync(email.Id, exception.GetType().Name + ": " + exception.Message, DateTimeOffset.UtcNow + wait, cancellationToken);
                EmailLog.SendFailed(logger, email.Id, email.CaseId, email.Attempts + 1, wait.TotalSeconds, exception.GetType().Name);
                await notifier.CaseUpdatedAsync(email.CaseId, cancellationToken);
                continue;
            }
            var sentAt = clock.GetUtcNow();
            await outbox.MarkSentAsync(email.Id, sentAt, cancellationToken);
            await cases.AddEventAsync(email.CaseId, new CaseEvent(sentAt, "email-sent", email.Guide, email.To), cancellationToken);
            EmailLog.Sent(logger, email.Id, email.CaseId);
            await notifier.CaseUpdatedAsync(email.CaseId, cancellationToken);
        }
    }
}

internal static partial class EmailLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "E-mail {EmailId} of case {CaseId} sent")]
    public static partial void Sent(ILogger logger, string emailId, string caseId);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "E-mail {EmailId} of case {CaseId} not sent (attempt {Attempt}), retrying in {Seconds} s: {ErrorType}")]
    public static partial void SendFailed(ILogger logger, string emailId, string caseId, int attempt, double seconds, string errorType);

    [LoggerMessage(EventId = 702, Level = LogLevel.Error, Message = "The e-mail outbox failed")]
    public static partial void WorkerFailed(ILogger logger, Exception exception);
}
