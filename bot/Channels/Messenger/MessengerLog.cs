namespace Bot.Channels.Messenger;

/// <summary>Log events of the Messenger channel: ids and codes, never the resident's text.</summary>
internal static partial class MessengerLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Messenger webhook verified")]
    public static partial void Verified(ILogger logger);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Messenger webhook request rejected: {Code}")]
    public static partial void Rejected(ILogger logger, string code);

    [LoggerMessage(EventId = 702, Level = LogLevel.Debug, Message = "Messenger delivery: {Added} new events, {Duplicates} redelivered, {Ignored} ignored (echo, delivery, read)")]
    public static partial void Delivery(ILogger logger, int added, int duplicates, int ignored);

    [LoggerMessage(EventId = 703, Level = LogLevel.Debug, Message = "Messenger activity {ActivityId} of type {Type} received in conversation {ConversationId}")]
    public static partial void ActivityReceived(ILogger logger, string activityId, string type, string conversationId);

    [LoggerMessage(EventId = 704, Level = LogLevel.Error, Message = "Messenger event {EventKey} of conversation {ConversationId} failed (given up: {GaveUp})")]
    public static partial void EventFailed(ILogger logger, Exception exception, string eventKey, string conversationId, bool gaveUp);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "Messenger processing is paused (Messenger:PauseProcessing): events are stored, not processed")]
    public static partial void Paused(ILogger logger);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning, Message = "Messenger {Path} for conversation {ConversationId} failed (attempt {Attempt}, HTTP {Status}, error {Code}); retrying in {DelayMs} ms")]
    public static partial void SendRetry(ILogger logger, string path, string conversationId, int attempt, int? status, int? code, int delayMs);

    [LoggerMessage(EventId = 707, Level = LogLevel.Error, Message = "Messenger {Path} for conversation {ConversationId} failed after {Attempts} attempts (HTTP {Status}, error {Code}: {Error}); not delivered")]
    public static partial void SendGaveUp(ILogger logger, string path, string conversationId, int attempts, int? status, int? code, string? error);

    [LoggerMessage(EventId = 708, Level = LogLevel.Error, Message = "Messenger {Path} for conversation {ConversationId} refused permanently (HTTP {Status}, error {Code}/{Subcode}: {Meaning}; Meta says: {Error}); not delivered")]
    public static partial void SendRefused(ILogger logger, string path, string conversationId, int? status, int? code, int? subcode, string meaning, string? error);

    [LoggerMessage(EventId = 709, Level = LogLevel.Error, Message = "Messenger {Path} for conversation {ConversationId} timed out; not repeated because it may have been delivered")]
    public static partial void SendTimedOut(ILogger logger, string path, string conversationId);

    [LoggerMessage(EventId = 710, Level = LogLevel.Warning, Message = "Messenger message {ActivityId} to conversation {ConversationId} not sent: the messaging window is {Window} (from a person: {Human})")]
    public static partial void OutsideWindow(ILogger logger, string conversationId, string activityId, string window, bool human);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Messenger conversation {ConversationId} passed to the Page Inbox for case {CaseId}")]
    public static partial void PassedToInbox(ILogger logger, string conversationId, string? caseId);

    [LoggerMessage(EventId = 712, Level = LogLevel.Information, Message = "Messenger conversation {ConversationId} passed back to the bot by the Page Inbox")]
    public static partial void ThreadReturned(ILogger logger, string conversationId);
}
