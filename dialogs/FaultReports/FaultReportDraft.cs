namespace Dialogs.FaultReports;

/// <summary>
/// A fault report being filled in, kept in <see cref="Engine.ConversationState.FaultReport"/> between
/// turns. <see cref="Step"/> is the question the resident was last asked.
/// </summary>
public sealed record FaultReportDraft
{
    public string Step { get; init; } = FaultReportSteps.Category;
    public string? Category { get; init; }
    public string? Location { get; init; }
    public bool LocationConfirmed { get; init; }
    /// <summary>A place the resident said was wrong: a description that named it is corrected to the new place.</summary>
    public string? WrongLocation { get; init; }
    public string? Description { get; init; }
    public string? PhotoUrl { get; init; }
    public bool PhotoAsked { get; init; }
    public string? Contact { get; init; }
    public bool ContactAsked { get; init; }
    /// <summary>Times in a row the resident's reply did not fit the question (asked again with examples, then the form ends).</summary>
    public int Retries { get; init; }
}

/// <summary>The form's questions, in the order they are asked (each skipped when already answered).</summary>
public static class FaultReportSteps
{
    public const string Category = "category";
    public const string Location = "location";
    public const string ConfirmLocation = "confirm-location";
    public const string Description = "description";
    public const string Photo = "photo";
    public const string Contact = "contact";
}
