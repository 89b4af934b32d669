namespace Bot.Turns;

/// <summary>Log events of the turn pipeline. Never the resident's text: ids only.</summary>
internal static partial class TurnLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId} (activity {ActivityId}); state reset")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string conversationId, string? activityId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "The turn error handler failed in conversation {ConversationId}")]
    public static partial void ErrorHandlerFailed(ILogger logger, Exception exception, string conversationId);
}
