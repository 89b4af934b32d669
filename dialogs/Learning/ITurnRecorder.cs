using Dialogs.Main;

namespace Dialogs.Learning;

/// <summary>
/// Receives one record per resident turn for statistics and the learning inbox. The bot calls it
/// after the turn's state is saved; the text in the record is already masked.
/// </summary>
public interface ITurnRecorder
{
    Task RecordAsync(TurnRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// One resident turn and what the bot did with it. <see cref="Question"/> (only for questions) has personal data masked
/// (<see cref="Privacy.PersonalData.MaskAll"/>). <see cref="Feedback"/> is set when the message was
/// the resident's verdict on the previous answer ("Ja, tack" / "Nej"), for entry <see cref="FeedbackEntryId"/>.
/// <see cref="Route"/> is who answers the conversation after the turn (bot, queued, guide, message).
/// </summary>
public sealed record TurnRecord(
    string ConversationId,
    string? ActivityId,
    string? UserId,
    string Channel,
    DateTimeOffset At,
    string? Question,
    BotDecision Decision,
    string? Feedback,
    string? FeedbackEntryId,
    string Route,
    string? CaseId,
    double DurationMs);

/// <summary>Values of <see cref="TurnRecord.Feedback"/>.</summary>
public static class FeedbackValues
{
    public const string Helpful = "helpful";
    public const string NotHelpful = "not-helpful";
}
