using Dialogs.Alerts;

namespace Bot.Alerts;

/// <summary>Crisis alerts as guides manage them (SQLite or PostgreSQL); the bot reads them as an <see cref="IAlertSource"/>.</summary>
internal interface IAlertStore : IAlertSource
{
    Task<CrisisAlert> AddAsync(string text, IReadOnlyList<string> topics, DateTimeOffset expiresAt, string? createdBy, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
