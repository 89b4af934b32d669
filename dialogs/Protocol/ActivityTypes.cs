namespace Dialogs.Protocol;

/// <summary>Activity types of the Bot Framework Activity protocol that this bot handles.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string ConversationUpdate = "conversationUpdate";
    public const string EndOfConversation = "endOfConversation";
    public const string Trace = "trace";
    public const string Invoke = "invoke";
}

/// <summary>Bot Framework handoff event names (Microsoft.Bot.Builder HandoffEventNames).</summary>
public static class HandoffEventNames
{
    public const string InitiateHandoff = "handoff.initiate";
    public const string HandoffStatus = "handoff.status";
}

/// <summary>Well-known event names sent by Web Chat and our widget.</summary>
public static class ClientEventNames
{
    public const string WebChatJoin = "webchat/join";
}

/// <summary>Roles on <see cref="ChannelAccount.Role"/>.</summary>
public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}
