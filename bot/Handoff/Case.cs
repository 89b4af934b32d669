using Dialogs.Handoff;

namespace Bot.Handoff;

/// <summary>A conversation handed to service guides, with its summary and where it stands.</summary>
internal sealed record Case
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string Channel { get; init; }
    public required string UserId { get; init; }
    public required string Status { get; init; }
    public required string Group { get; init; }
    public required string Language { get; init; }
    public string? Topic { get; init; }
    public required CaseSummary Summary { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ClaimedBy { get; init; }
    public string? ClaimedByName { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? Resolution { get; init; }
    public int? Rating { get; init; }
}

/// <summary>Values of <see cref="Case.Status"/>.</summary>
internal static class CaseStatus
{
    /// <summary>Waiting for a guide to claim it.</summary>
    public const string Queued = "queued";
    /// <summary>A guide is chatting with the resident.</summary>
    public const string Active = "active";
    /// <summary>Left as a message (closed hours or no guide signed in), to be answered later.</summary>
    public const string Message = "message";
    public const string Closed = "closed";
}

/// <summary>Something that happened to a case: a transition, a note, a message.</summary>
internal sealed record CaseEvent(DateTimeOffset At, string Kind, string? Actor, string? Text);
