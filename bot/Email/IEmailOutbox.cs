namespace Bot.Email;

/// <summary>The durable outbox of e-mail replies (SQLite by default): nothing accepted is lost, even across restarts.</summary>
internal interface IEmailOutbox
{
    Task AddAsync(OutgoingEmail email, CancellationToken cancellationToken);

    /// <summary>Unsent e-mails whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<OutgoingEmail>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task MarkSentAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkFailedAsync(string id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutgoingEmail>> OfCaseAsync(string caseId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutgoingEmail>> OfConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Sent e-mails created before the cutoff, and every e-mail of the given conversation when <paramref name="conversationId"/> is set.</summary>
    Task<int> DeleteAsync(DateTimeOffset? sentBefore, string? conversationId, CancellationToken cancellationToken);
}
