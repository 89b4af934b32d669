using Bot.Email;
using Bot.Handoff;

namespace Bot.Statistics;

/// <summary>
/// The contact center's 24-hour promise (KKiK: e-mail answered within 24 hours), for the messages left
/// for guides (after hours, no guide signed in, or a queue that timed out):
/// of the messages left in the period whose answer is in or whose 24 hours have passed, the share that
/// was answered (e-mail sent, "ringt upp" recorded, or a guide's chat message) within 24 hours of being left.
/// Messages still within their 24 hours and unanswered are not counted yet. Read from the cases, so it
/// covers the period the cases are kept (<c>Privacy:RetentionDays</c>).
/// </summary>
internal sealed class MessageReplyStatistics(ICaseStore cases, HandoffService handoff)
{
    public sealed record Result(int Counted, int AnsweredWithin24h, double? Rate);

    public async Task<Result> ComputeAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A queue that timed out leaves its message a little after the case was created.
        var candidates = await cases.SearchAsync(new CaseSearch(null, null, from.AddDays(-1), to, 100_000), cancellationToken);
        var counted = 0;
        var within = 0;
        foreach (var item in candidates)
        {
            if (await handoff.MessageLeftAtAsync(item, cancellationToken) is not { } left || left < from || left >= to)
            {
                continue;
            }
            var answered = (await cases.EventsAsync(item.Id, cancellationToken))
                .FirstOrDefault(e => e.At >= left && CaseReplies.AnswerEvents.Contains(e.Kind))?.At;
            if (answered is null && now - left < CaseViews.MessagePromise)
            {
                continue;
            }
            counted++;
            if (answered is { } at && at - left <= CaseViews.MessagePromise)
            {
                within++;
            }
        }
        return new Result(counted, within, counted == 0 ? null : Math.Round((double)within / counted, 3));
    }
}
