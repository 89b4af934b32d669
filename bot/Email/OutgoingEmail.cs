namespace Bot.Email;

/// <summary>An e-mail in the outbox: stored before the guide is told it is accepted, sent (and retried) by the worker.</summary>
internal sealed record OutgoingEmail
{
    public required string Id { get; init; }
    public required string CaseId { get; init; }
    public required string ConversationId { get; init; }
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required string Guide { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }
}
