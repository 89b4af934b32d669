namespace Dialogs.Main;

/// <summary>The outcome of a turn, sent as a <c>BotDecision</c> trace when Bot:Trace is on.</summary>
public sealed record BotDecision(
    string Outcome,
    string? AnswerId,
    double Confidence,
    string Language,
    IReadOnlyList<DecisionCandidate> Candidates)
{
    public const string TraceName = "BotDecision";
    public const string ValueType = "https://schemas.goteborg.se/bot/decision";
}

public sealed record DecisionCandidate(string Id, double Score);

/// <summary>Outcome names of <see cref="BotDecision"/> (a public contract, see interfaces.md).</summary>
public static class Outcomes
{
    public const string Answer = "answer";
    public const string Clarify = "clarify";
    public const string Handoff = "handoff";
    public const string Fallback = "fallback";
    public const string SmallTalk = "smalltalk";
    public const string Emergency = "emergency";
    public const string Form = "form";
    public const string Relay = "relay";
}
