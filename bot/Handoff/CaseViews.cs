using Bot.Email;
using Bot.Translation;
using Bot.Turns;
using Knowledge;

namespace Bot.Handoff;

/// <summary>
/// The JSON shape of a case in the guide API (interfaces.md), with the live waiting time and, for a
/// message to answer, the 24-hour promise: when it was left, when the answer is due, when it was answered.
/// The list leaves out the transcript (fetch one case for it).
/// </summary>
internal sealed class CaseViews(HandoffService handoff, ICaseStore cases, ReplyWindows windows, IEmailOutbox outbox, TimeProvider clock, IMachineTranslator translator)
{
    public static readonly TimeSpan MessagePromise = TimeSpan.FromHours(24);

    public async Task<object> ViewAsync(Case item, CancellationToken cancellationToken, bool includeEvents = false, bool includeTranscript = true)
    {
        var waitedUntil = item.ClaimedAt ?? item.ClosedAt ?? clock.GetUtcNow();
        var events = await cases.EventsAsync(item.Id, cancellationToken);
        var summary = Privacy.CaseMasking.Summary(item.Status, item.Summary);
        var left = await handoff.MessageLeftAtAsync(item, cancellationToken);
        var answered = left is { } since ? events.FirstOrDefault(e => e.At >= since && CaseReplies.AnswerEvents.Contains(e.Kind))?.At : null;
        var language = LanguageCodes.FromCode(item.Language);
        return new
        {
            item.Id,
            item.ConversationId,
            item.Channel,
            item.Status,
            item.Group,
            // The resident's language (code) and its Swedish name; whether guides get machine translations.
            language = item.Language,
            languageName = language.SwedishName(),
            translationAvailable = translator.Available,
            item.CreatedAt,
            item.ClaimedBy,
            item.ClaimedByName,
            item.ClaimedAt,
            item.ClosedAt,
            item.Resolution,
            item.Rating,
            // Channels with a messaging window (Messenger): whether and until when the guide can still reply.
            replyWindow = item.Status == CaseStatus.Closed ? null : await windows.GetAsync(item.Channel, item.ConversationId, cancellationToken),
            // secondsLeft and overdue by the bot's clock (Bot:Now honoured); the console counts down from secondsLeft.
            message = left is { } at ? new
            {
                leftAt = at,
                dueAt = at + MessagePromise,
                answeredAt = answered,
                secondsLeft = answered is null ? (int)(at + MessagePromise - clock.GetUtcNow()).TotalSeconds : (int?)null,
                overdue = answered is null ? clock.GetUtcNow() > at + MessagePromise : answered > at + MessagePromise,
            } : null,
            summary = new
            {
                summary.Title,
                summary.Question,
                summary.Questions,
                summary.Topic,
                summary.Language,
                summary.Channel,
                summary.Reason,
                summary.PreviousCase,
                summary.BotAnswers,
                summary.Details,
                wait = (int)Math.Max(0, (waitedUntil - item.CreatedAt).TotalSeconds),
            },
            transcript = includeTranscript ? await TranscriptAsync(item, cancellationToken) : null,
            emails = includeEvents
                ? (await outbox.OfCaseAsync(item.Id, cancellationToken)).Select(e => new { e.Id, e.To, e.Subject, e.CreatedAt, e.SentAt, e.Attempts, e.LastError, status = e.SentAt is null ? "queued" : "sent" })
                : null,
            notes = includeEvents ? events.Where(e => e.Kind == "note").Select(e => new { e.At, author = e.Actor, e.Text }) : null,
            events = includeEvents ? events.Where(e => e.Kind != "note").Select(e => new { e.At, e.Kind, e.Actor, e.Text }) : null,
        };
    }

    /// <summary>The transcript as the guide may see it (masked when closed), residents' messages in other languages machine-translated when a translator is configured.</summary>
    private async Task<IReadOnlyList<TranscriptLine>> TranscriptAsync(Case item, CancellationToken cancellationToken)
    {
        var lines = new List<TranscriptLine>();
        foreach (var line in await handoff.TranscriptAsync(item, cancellationToken))
        {
            var text = Privacy.CaseMasking.Text(item.Status, line.Text);
            var translation = line.Role == "resident" && text.Length > 0
                ? await GuideTranslation.ForGuideAsync(translator, text, item.Language, cancellationToken)
                : null;
            lines.Add(line with { Text = text, Translation = translation });
        }
        return lines;
    }
}
