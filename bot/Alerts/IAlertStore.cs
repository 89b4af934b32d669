using Dialogs.Alerts;

namespace Bot.Alerts;

/// <summary>Crisis alerts as guides manage them (SQLite or PostgreSQL); the bot reads them as an <see cref="IAlertSource"/>.</summary>
internal interface IAlertStore : IAlertSource
{
    /// <param name="textEn">The alert's English text for the English widget and English answers; null when there is none.</param>
    Task<CrisisAlert> AddAsync(string text, IReadOnlyList<string> topics, DateTimeOffset expiresAt, string? createdBy, CancellationToken cancellationToken, string? textEn = null);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
