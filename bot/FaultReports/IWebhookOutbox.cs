namespace Bot.FaultReports;

/// <summary>One webhook delivery owed: the report <paramref name="Reference"/> changed (<paramref name="Change"/>: the status it got).</summary>
internal sealed record WebhookDelivery(long Id, string Reference, string Change, int Attempts, DateTimeOffset CreatedAt);

/// <summary>
/// The fault-report webhook's outbox (table <c>webhook_outbox</c>): a row is written in the same transaction as
/// the report or its status change, so a report that was stored is also delivered, even if the instance dies
/// right after. Rows hold the reference and the change only; the report is read when it is delivered.
/// </summary>
internal interface IWebhookOutbox
{
    /// <summary>
    /// Takes the oldest delivery that is due: its next attempt moves to <paramref name="claimUntil"/>, so no other
    /// instance takes it meanwhile; if the claimant dies, it is due again then. Null when nothing is due.
    /// </summary>
    Task<WebhookDelivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Delivered (or refused for good): the row is removed.</summary>
    Task DoneAsync(long id, CancellationToken cancellationToken);

    Task RetryAsync(long id, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);
}

internal static class WebhookKinds
{
    public const string FaultReport = "fault-report";
}
