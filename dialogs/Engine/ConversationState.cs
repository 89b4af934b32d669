namespace Dialogs.Engine;

/// <summary>
/// What the bot remembers about one conversation between turns; persisted after every turn so a
/// restart continues the conversation.
/// </summary>
public sealed record ConversationState
{
    public string Language { get; init; } = "sv";
    public bool Welcomed { get; init; }
    public string? LastAnswerId { get; init; }
    /// <summary>Entry ids offered as options in a clarification, awaiting the resident's choice.</summary>
    public IReadOnlyList<string> PendingOptions { get; init; } = [];
    /// <summary>The resident's question that led to the clarification.</summary>
    public string? PendingQuestion { get; init; }
    /// <summary>Questions in a row the bot could not answer.</summary>
    public int Misses { get; init; }
    public int Turns { get; init; }

    /// <summary>Who answers the resident: the bot, the queue (waiting for a guide), a guide, or the message box after hours.</summary>
    public string Owner { get; init; } = ConversationOwners.Bot;
    /// <summary>The open handoff case, while <see cref="Owner"/> is not the bot.</summary>
    public string? CaseId { get; init; }
    /// <summary>A closed case whose rating the bot has asked for.</summary>
    public string? RatingCaseId { get; init; }
    /// <summary>Whether the bot has confirmed that it saved the resident's after-hours message.</summary>
    public bool MessageAcknowledged { get; init; }
    /// <summary>The resident chose "Fortsätt med chattboten" while queued: the bot answers, the place in the queue is kept.</summary>
    public bool BotWhileQueued { get; init; }
    /// <summary>The resident's recent questions and what the bot did with them, for a guide's case summary.</summary>
    public IReadOnlyList<Exchange> History { get; init; } = [];
    /// <summary>The fault report being filled in, while the form is open.</summary>
    public FaultReports.FaultReportDraft? FaultReport { get; init; }
}

/// <summary>One question and the bot's decision on it.</summary>
public sealed record Exchange(string Question, string Outcome, string? AnswerId, double Confidence, string? Topic, DateTimeOffset At);

/// <summary>Values of <see cref="ConversationState.Owner"/>.</summary>
public static class ConversationOwners
{
    public const string Bot = "bot";
    public const string Queued = "queued";
    public const string Guide = "guide";
    /// <summary>After hours or with no guide signed in: the resident leaves a message to be answered later.</summary>
    public const string Message = "message";
}
