namespace Bot.Storage;

/// <summary>A conversation known to the bot, on any channel.</summary>
internal sealed record ConversationRecord(string Id, string UserId, string Channel, DateTimeOffset CreatedAt, bool Started, int ActivityCount);

/// <summary>An activity in a conversation's log, with its position (the Direct Line watermark).</summary>
internal sealed record StoredActivity(int Sequence, Dialogs.Protocol.Activity Activity);
