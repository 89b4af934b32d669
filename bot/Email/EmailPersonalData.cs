using Bot.Privacy;

namespace Bot.Email;

/// <summary>The outbox holds a resident's e-mail address and a guide's reply: retention, erasure and export reach it.</summary>
internal sealed class EmailPersonalData(IEmailOutbox outbox) : IPersonalDataStore
{
    public string Name => "emails";

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        outbox.DeleteAsync(cutoff, null, cancellationToken);

    public Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        outbox.DeleteAsync(null, conversationId, cancellationToken);

    public async Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var emails = await outbox.OfConversationAsync(conversationId, cancellationToken);
        return emails.Count == 0 ? null : emails.Select(e => new { e.Id, e.CaseId, e.To, e.Subject, e.Body, e.CreatedAt, e.SentAt });
    }
}
