using System.Globalization;

namespace Dialogs.FaultReports;

/// <summary>A resident's fault report as stored and shown to guides (reference <c>FR-2026-000123</c>).</summary>
public sealed record FaultReport
{
    public required string Reference { get; init; }
    public required string Category { get; init; }
    public required string Location { get; init; }
    public required string Description { get; init; }
    /// <summary>Where the resident's photo can be fetched (Direct Line upload link or Messenger CDN), if any.</summary>
    public string? PhotoUrl { get; init; }
    /// <summary>E-mail or phone number the resident gave for feedback, if any.</summary>
    public string? Contact { get; init; }
    public string Status { get; init; } = FaultReportStatuses.Received;
    public string? StatusComment { get; init; }
    public required string Language { get; init; }
    public required string ConversationId { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public IReadOnlyList<FaultReportStatusChange> History { get; init; } = [];
    /// <summary>The secret code in the resident's receipt (<see cref="FaultReportAccessCode"/>); null for reports from before codes existed.</summary>
    public string? AccessCode { get; init; }
}

/// <summary>One status change, by a guide (or the bot when the report is created).</summary>
public sealed record FaultReportStatusChange(DateTimeOffset At, string Status, string? Comment, string? By);

/// <summary>What the form collected; the store gives it a reference and the status <c>received</c>.</summary>
public sealed record NewFaultReport(
    string Category,
    string Location,
    string Description,
    string? PhotoUrl,
    string? Contact,
    string Language,
    string ConversationId,
    string Channel,
    DateTimeOffset CreatedAt,
    string? AccessCode = null)
{
    /// <summary>The report as stored under its reference <c>FR-&lt;year&gt;-&lt;number&gt;</c> (interfaces.md), status received.</summary>
    public FaultReport Stored(int year, long number) => new()
    {
        Reference = string.Create(CultureInfo.InvariantCulture, $"FR-{year}-{number:D6}"),
        Category = Category,
        Location = Location,
        Description = Description,
        PhotoUrl = PhotoUrl,
        Contact = Contact,
        Language = Language,
        ConversationId = ConversationId,
        Channel = Channel,
        CreatedAt = CreatedAt,
        UpdatedAt = CreatedAt,
        AccessCode = AccessCode,
    };
}

/// <summary>Statuses of a fault report (a public contract, see interfaces.md).</summary>
public static class FaultReportStatuses
{
    public const string Received = "received";
    public const string InProgress = "in_progress";
    public const string Done = "done";
    public const string Rejected = "rejected";
    public const string Referred = "referred";

    public static readonly IReadOnlyList<string> All = [Received, InProgress, Done, Rejected, Referred];

    public static bool IsClosed(string status) => status is Done or Rejected or Referred;
}
