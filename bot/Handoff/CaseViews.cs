using Bot.Turns;

namespace Bot.Handoff;

/// <summary>
/// The JSON shape of a case in the guide API (interfaces.md), with the live waiting time. Lists leave out
/// the transcript (<paramref name="includeTranscript"/> false): it is read per case, from <c>GET /api/guide/cases/{id}</c>.
/// </summary>
internal sealed class CaseViews(HandoffService handoff, ICaseStore cases, ReplyWindows windows, TimeProvider clock)
{
    public async Task<object> ViewAsync(Case item, CancellationToken cancellationToken, bool includeEvents = false, bool includeTranscript = true)
    {
        var waitedUntil = item.ClaimedAt ?? item.ClosedAt ?? clock.GetUtcNow();
        var events = includeEvents ? await cases.EventsAsync(item.Id, cancellationToken) : [];
        var summary = Privacy.CaseMasking.Summary(item.Status, item.Summary);
        return new
        {
            item.Id,
            item.ConversationId,
            item.Channel,
            item.Status,
            item.Group,
            item.CreatedAt,
            item.ClaimedBy,
            item.ClaimedByName,
            item.ClaimedAt,
            item.ClosedAt,
            item.Resolution,
            item.Rating,
            // Channels with a messaging window (Messenger): whether and until when the guide can still reply.
            replyWindow = item.Status == CaseStatus.Closed ? null : await windows.GetAsync(item.Channel, item.ConversationId, cancellationToken),
            summary = new
            {
                summary.Question,
                summary.Topic,
                summary.Language,
                summary.Channel,
                summary.Reason,
                summary.BotAnswers,
                summary.Details,
                wait = (int)Math.Max(0, (waitedUntil - item.CreatedAt).TotalSeconds),
            },
            transcript = includeTranscript
                ? (await handoff.TranscriptAsync(item, cancellationToken)).Select(t => t with { Text = Privacy.CaseMasking.Text(item.Status, t.Text) })
                : null,
            notes = events.Where(e => e.Kind == "note").Select(e => new { e.At, author = e.Actor, e.Text }),
            events = events.Where(e => e.Kind != "note").Select(e => new { e.At, e.Kind, e.Actor, e.Text }),
        };
    }
}
