using Dialogs.Engine;
using Dialogs.Protocol;

namespace Dialogs.Handoff;

/// <summary>Why the bot hands a conversation to a service guide.</summary>
public enum HandoffReason
{
    /// <summary>The resident asked for a person.</summary>
    Requested,
    /// <summary>The bot could not answer twice in a row.</summary>
    NotAnswered,
    /// <summary>The resident said the answer did not help.</summary>
    NotHelpful,
    /// <summary>The resident showed frustration.</summary>
    Frustration,
    /// <summary>The question concerns the resident's own case (an entry marked handoff).</summary>
    PersonalCase,
}

/// <summary>What the bot knows when it asks for a guide.</summary>
public sealed record HandoffRequest(
    Activity Trigger,
    HandoffReason Reason,
    string Language,
    string? Topic,
    IReadOnlyList<Exchange> History);

public enum HandoffResult
{
    /// <summary>The case waits in the queue for a guide.</summary>
    Queued,
    /// <summary>The contact center is closed: the resident may leave a message.</summary>
    Closed,
    /// <summary>Open, but no guide is signed in: the resident may leave a message.</summary>
    NoGuides,
}

/// <summary>
/// The case that was created and what to tell the resident. <see cref="LanguageGuideAvailable"/> is false when
/// no guide who speaks the resident's language is signed in and within that language's hours (the resident is
/// then told a guide answers in Swedish or English).
/// </summary>
public sealed record HandoffResponse(
    HandoffResult Result,
    string CaseId,
    int Position,
    TimeSpan? ExpectedWait,
    DateTimeOffset? ReplyBy,
    string? Alert = null,
    bool LanguageGuideAvailable = true);

/// <summary>
/// The guide queue as the bot sees it. Implemented by the host, which stores cases, notifies the
/// guide console and delivers guide messages on the resident's channel.
/// </summary>
public interface IHandoffService
{
    /// <summary>Creates and persists a case, then says how the resident will be helped.</summary>
    Task<HandoffResponse> RequestAsync(HandoffRequest request, CancellationToken cancellationToken);

    /// <summary>A resident's activity in a conversation a guide owns (or will answer): shown to the guide.</summary>
    Task RelayAsync(string caseId, Activity activity, CancellationToken cancellationToken);

    /// <summary>The resident is typing in a conversation a guide owns: shown in the guide's console.</summary>
    Task ResidentTypingAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Stores the resident's rating (1–5) of a closed case.</summary>
    Task RateAsync(string caseId, int rating, CancellationToken cancellationToken);

    /// <summary>Where the case stands now, to tell the resident; null when there is no such case.</summary>
    Task<CaseProgress?> ProgressAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>The resident left the queue ("Lämna kön"): the case is closed and the bot answers again.</summary>
    Task LeaveQueueAsync(string caseId, CancellationToken cancellationToken);
}

/// <summary>
/// A case as the resident may know it: its status (<c>queued</c>, <c>active</c>, <c>message</c>, <c>closed</c>),
/// the place in the queue (0 when not queued), whether the resident gave an e-mail address or phone
/// number, and by when a left message is answered.
/// </summary>
public sealed record CaseProgress(string CaseId, string Status, int Position, bool HasContact, DateTimeOffset? ReplyBy);
