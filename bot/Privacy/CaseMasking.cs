using Bot.Handoff;
using Dialogs.Handoff;
using Dialogs.Privacy;

namespace Bot.Privacy;

/// <summary>
/// A guide sees a resident's personal data (identity numbers, phone numbers, e-mail and street
/// addresses) only in a case someone is handling: an active chat or a message to answer. In the
/// queue, before it is claimed, and once closed, the case's texts are masked.
/// </summary>
internal static class CaseMasking
{
    private static readonly HashSet<string> PersonalKinds = ["telefon", "e-post", "adress", "personnummer"];

    public static bool ShowsPersonalData(string status) => status is CaseStatus.Active or CaseStatus.Message;

    public static string Text(string status, string text) => ShowsPersonalData(status) ? text : PersonalData.MaskAll(text);

    public static CaseSummary Summary(string status, CaseSummary summary) => ShowsPersonalData(status) ? summary : summary with
    {
        Question = PersonalData.MaskAll(summary.Question),
        Title = summary.Title is null ? null : PersonalData.MaskAll(summary.Title),
        Questions = summary.Questions?.Select(PersonalData.MaskAll).ToList(),
        BotAnswers = summary.BotAnswers.Select(a => a with { Question = PersonalData.MaskAll(a.Question) }).ToList(),
        Details = summary.Details.Select(d => PersonalKinds.Contains(d.Kind) ? d with { Value = "[" + d.Kind + "]" } : d with { Value = PersonalData.MaskAll(d.Value) })
            .DistinctBy(d => (d.Kind, d.Value)).ToList(),
    };
}
