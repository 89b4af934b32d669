namespace Bot.Handoff;

/// <summary>Settings of the guide queue (configuration section "Handoff").</summary>
internal sealed record HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>Minutes a queued case may wait before the resident is offered to leave a message instead.</summary>
    public int QueueTimeoutMinutes { get; init; } = 10;

    /// <summary>Minutes a guide's console may be gone before the guide's active cases return to the queue.</summary>
    public int GuideDisconnectMinutes { get; init; } = 2;
}
