namespace Bot.Channels.Connector;

/// <summary>Log events of the Bot Connector channel: ids and reasons, never the resident's text.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Bot Connector request rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "Bot Connector activity of type {Type} received in conversation {ConversationId}")]
    public static partial void ActivityReceived(ILogger logger, string conversationId, string type);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Bot Connector activity of type {Type} sent to conversation {ConversationId}")]
    public static partial void ActivitySent(ILogger logger, string conversationId, string type);

    [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "Delivering an activity of type {Type} to conversation {ConversationId} through the Bot Connector failed")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string conversationId, string type);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Activity {ActivityId} of conversation {ConversationId} was already received; ignored")]
    public static partial void Duplicate(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "Bot Framework signing keys fetched: {Count}")]
    public static partial void KeysFetched(ILogger logger, int count);

    [LoggerMessage(EventId = 606, Level = LogLevel.Error, Message = "Fetching the Bot Framework signing keys failed")]
    public static partial void KeysFetchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 607, Level = LogLevel.Error, Message = "The token endpoint answered {Status}")]
    public static partial void TokenRequestFailed(ILogger logger, int status);

    [LoggerMessage(EventId = 608, Level = LogLevel.Error, Message = "A Bot Connector turn failed")]
    public static partial void TurnFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 609, Level = LogLevel.Warning, Message = "The Bot Connector endpoint accepts unauthenticated (Emulator) traffic: no MicrosoftAppId is set. Development only.")]
    public static partial void EmulatorMode(ILogger logger);
}
