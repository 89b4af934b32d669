namespace Bot.SavedReplies;

/// <summary>
/// A canned answer guides insert into a reply: per group (null: every group), with a shortcut typed
/// as <c>/shortcut</c> in the reply box.
/// </summary>
internal sealed record SavedReply(string Id, string? Group, string Shortcut, string Title, string Text, string? CreatedBy, DateTimeOffset UpdatedAt);
