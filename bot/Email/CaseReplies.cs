using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Guides;
using Bot.Handoff;
using Knowledge;
using Knowledge.Calendar;
using Microsoft.Extensions.Options;

namespace Bot.Email;

/// <summary>
/// Answering a left message where the resident is: an e-mail to the address they gave (stored in the
/// outbox before it is accepted), or a note that the guide called them back. Both count as the answer
/// for the 24-hour promise.
/// </summary>
internal sealed class CaseReplies(
    ICaseStore cases, IEmailOutbox outbox, EmailOutboxWorker worker, GuideNotifier notifier, IOptions<EmailOptions> options, TimeProvider clock)
{
    public const string EmailSent = "email-sent";
    public const string EmailQueued = "email-queued";
    public const string CalledBack = "called-back";

    /// <summary>Case events that answer a left message (the reply sent, a call made, or a chat message from a guide).</summary>
    public static readonly IReadOnlySet<string> AnswerEvents = new HashSet<string>(StringComparer.Ordinal) { EmailSent, CalledBack, "guide-message" };

    public sealed record Result(int Status, string? Problem, OutgoingEmail? Email = null);

    public async Task<Result> EmailAsync(string caseId, GuideIdentity guide, string text, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return new Result(StatusCodes.Status503ServiceUnavailable, "e-mail replies are off: set Email:SmtpHost and Email:From");
        }
        if (await cases.GetAsync(caseId, cancellationToken) is not { } item)
        {
            return new Result(StatusCodes.Status404NotFound, "no such case");
        }
        if (item.Status == CaseStatus.Active && item.ClaimedBy != guide.UserName)
        {
            return new Result(StatusCodes.Status409Conflict, $"the case is handled by {item.ClaimedBy}");
        }
        // The address comes from what the resident wrote: only one that parses as a single mailbox is used.
        if (item.Summary.Details.LastOrDefault(d => d.Kind == "e-post" && MimeKit.MailboxAddress.TryParse(d.Value, out var parsed) && parsed.Address == d.Value) is not { } address)
        {
            return new Result(StatusCodes.Status422UnprocessableEntity, "the resident gave no e-mail address in this case: call them back or answer in the chat");
        }
        var now = clock.GetUtcNow();
        var email = new OutgoingEmail
        {
            Id = "E-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            CaseId = item.Id,
            ConversationId = item.ConversationId,
            To = address.Value,
            Subject = Subject(item),
            Body = Body(item, guide, text, now),
            Guide = guide.UserName,
            CreatedAt = now,
            NextAttemptAt = DateTimeOffset.UtcNow, // the outbox runs on real time, also when Bot:Now fixes the bot's clock
        };
        await outbox.AddAsync(email, cancellationToken);
        await cases.AddEventAsync(item.Id, new CaseEvent(now, EmailQueued, guide.UserName, text), cancellationToken);
        worker.Wake();
        await notifier.CaseUpdatedAsync(item.Id, cancellationToken);
        return new Result(StatusCodes.Status202Accepted, null, email);
    }

    public async Task<Result> CalledBackAsync(string caseId, GuideIdentity guide, string note, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } item)
        {
            return new Result(StatusCodes.Status404NotFound, "no such case");
        }
        await cases.AddEventAsync(item.Id, new CaseEvent(clock.GetUtcNow(), CalledBack, guide.UserName, note), cancellationToken);
        await notifier.CaseUpdatedAsync(item.Id, cancellationToken);
        return new Result(StatusCodes.Status200OK, null);
    }

    /// <summary>The subject names the case, so that a resident who writes back quotes it; in the resident's language.</summary>
    public static string Subject(Case item)
    {
        var language = LanguageCodes.FromCode(item.Language);
        return string.Format(language.Culture(), CaseReplyMessages.Subject.For(language), item.Id);
    }

    private static string Body(Case item, GuideIdentity guide, string text, DateTimeOffset now)
    {
        var language = LanguageCodes.FromCode(item.Language);
        var culture = language.Culture();
        var local = TimeZoneInfo.ConvertTime(item.CreatedAt, ContactCenterHours.Stockholm);
        var created = Dialogs.Main.LanguageFormats.Date(DateOnly.FromDateTime(local.DateTime), language) + " "
            + Dialogs.Main.LanguageFormats.Clock(TimeOnly.FromDateTime(local.DateTime), language);
        var body = new StringBuilder();
        body.AppendLine(CaseReplyMessages.Hello.For(language)).AppendLine();
        body.AppendLine(text.Trim()).AppendLine();
        body.AppendLine(CaseReplyMessages.Regards.For(language));
        body.AppendLine(guide.DisplayName);
        body.AppendLine(CaseReplyMessages.Signature.For(language)).AppendLine();
        body.AppendLine(string.Format(culture, CaseReplyMessages.YourMessage.For(language), item.Id, created));
        foreach (var question in (item.Summary.Questions ?? [item.Summary.Question]).Where(q => q.Length > 0))
        {
            body.Append("> ").AppendLine(question.ReplaceLineEndings(" "));
        }
        body.AppendLine().AppendLine(string.Format(culture, CaseReplyMessages.QuoteCase.For(language), item.Id));
        return body.ToString();
    }
}
