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
}
