namespace Bot.Statistics;

/// <summary>
/// One recorded resident turn as the statistics see it. The case columns are copied from the
/// handoff case (pickup wait, rating, whether nobody picked it up) so that they outlive the case.
/// </summary>
internal sealed record StatTurn(
    string ConversationId,
    string Channel,
    DateTimeOffset At,
    string? Question,
    string Outcome,
    string? AnswerId,
    double Confidence,
    string Language,
    string? Topic,
    string? TopCandidate,
    string? Feedback,
    string? Verdict,
    string Route,
    string? CaseId,
    double DurationMs,
    double? CaseWaitSeconds = null,
    int? CaseRating = null,
    bool CaseAbandoned = false);
