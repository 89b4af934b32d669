namespace Bot.Email;

/// <summary>
/// The durable outbox of e-mail replies (SQLite, or PostgreSQL shared by every instance): nothing accepted is
/// lost, even across restarts, and each e-mail is claimed by one sender at a time, so it goes once.
/// </summary>
internal interface IEmailOutbox
{
    Task AddAsync(OutgoingEmail email, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the oldest unsent e-mail that is due: its next attempt moves to <paramref name="claimUntil"/>, so that
    /// no other sender (another instance) takes it meanwhile. The claimant marks it sent or failed; if it dies
    /// first, the e-mail is due again at <paramref name="claimUntil"/>. Null when nothing is due.
    /// </summary>
    Task<OutgoingEmail?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    Task MarkSentAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkFailedAsync(string id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutgoingEmail>> OfCaseAsync(string caseId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutgoingEmail>> OfConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Sent e-mails created before the cutoff, and every e-mail of the given conversation when <paramref name="conversationId"/> is set.</summary>
    Task<int> DeleteAsync(DateTimeOffset? sentBefore, string? conversationId, CancellationToken cancellationToken);
}
