namespace Dialogs.Handoff;

/// <summary>
/// What a guide needs to take over without asking the resident to repeat themselves. Written in
/// Swedish whatever language the resident used; the resident's own words are kept as written.
/// <see cref="Title"/> is what the queue shows (the reason and the latest question), <see cref="Questions"/>
/// the resident's questions (not form answers, "Ja" or contact details), <see cref="Question"/> them joined.
/// </summary>
public sealed record CaseSummary(
    string Question,
    string? Topic,
    string Language,
    string Channel,
    string Reason,
    IReadOnlyList<BotAnswer> BotAnswers,
    IReadOnlyList<CaseDetail> Details,
    string? Title = null,
    IReadOnlyList<string>? Questions = null,
    string? PreviousCase = null);

/// <summary>What the bot did with one of the resident's questions.</summary>
public sealed record BotAnswer(string Question, string Outcome, string? AnswerId, string? AnswerTitle, double Confidence);

/// <summary>A detail the resident gave: a date, an address or place, a reference number, contact details.</summary>
public sealed record CaseDetail(string Kind, string Value);
