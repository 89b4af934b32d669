namespace Dialogs.Handoff;

/// <summary>
/// What a guide needs to take over without asking the resident to repeat themselves. Written in
/// Swedish whatever language the resident used; the resident's own words are kept as written.
/// </summary>
public sealed record CaseSummary(
    string Question,
    string? Topic,
    string Language,
    string Channel,
    string Reason,
    IReadOnlyList<BotAnswer> BotAnswers,
    IReadOnlyList<CaseDetail> Details);

/// <summary>What the bot did with one of the resident's questions.</summary>
public sealed record BotAnswer(string Question, string Outcome, string? AnswerId, string? AnswerTitle, double Confidence);

/// <summary>A detail the resident gave: a date, an address or place, a reference number, contact details.</summary>
public sealed record CaseDetail(string Kind, string Value);
