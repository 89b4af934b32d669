namespace Dialogs.Alerts;

/// <summary>
/// A crisis alert ("LAVIN") posted by staff: shown as a banner in the widget and put before answers
/// on its topics until it expires. No topics means it concerns every topic.
/// </summary>
public sealed record CrisisAlert(
    string Id,
    string Text,
    IReadOnlyList<string> Topics,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string? CreatedBy,
    string? TextEn = null)
{
    /// <summary>The text in the resident's language: the English text when there is one.</summary>
    public string TextIn(Knowledge.Language language) =>
        language == Knowledge.Language.English && !string.IsNullOrWhiteSpace(TextEn) ? TextEn : Text;

    public bool Concerns(string? topic) =>
        Topics.Count == 0 || (topic is not null && Topics.Contains(topic, StringComparer.OrdinalIgnoreCase));
}

/// <summary>The alerts in force now (expired ones are never returned).</summary>
public interface IAlertSource
{
    Task<IReadOnlyList<CrisisAlert>> ActiveAsync(CancellationToken cancellationToken);
}
