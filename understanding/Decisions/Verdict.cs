namespace Understanding.Decisions;

/// <summary>
/// The decision on one message: the route, the entry to answer with, options to offer, and
/// <see cref="DangerNote"/> (Emergency or SelfHarm) when the reply must start with 112 although the
/// message is handled as usual (someone may be in danger, but not clearly enough for the emergency reply alone).
/// </summary>
public sealed record Verdict(Route Route, EntryCandidate? Entry, IReadOnlyList<EntryCandidate> Options, MessageUnderstanding Understanding)
{
    public Route? DangerNote { get; init; }
}
