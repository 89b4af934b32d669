using Dialogs.Protocol;

namespace Bot.Storage;

/// <summary>
/// Conversations, their activity logs and the turns accepted but not yet answered. SQLite by
/// default (<see cref="SqliteConversationStore"/>); PostgreSQL when several instances share it.
/// </summary>
internal interface IConversationStore
{
    Task CreateAsync(string conversationId, string userId, string channel, CancellationToken cancellationToken);

    Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the conversation started; true only for the call that started it. With <paramref name="start"/>,
    /// the start turn (the greeting) is marked pending in the same transaction.
    /// </summary>
    Task<bool> MarkStartedAsync(string conversationId, PendingTurn? start, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity, giving it the next position, an id and a timestamp that never goes
    /// backwards in the conversation. Committed before it returns.
    /// </summary>
    Task<StoredActivity> AppendAsync(string conversationId, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity from a resident and, when <paramref name="turnChannel"/> is given, marks its
    /// turn pending, in one transaction: a message that is stored is never left without its turn.
    /// When <paramref name="dedupeKey"/> matches an activity already in the log (a client's or a
    /// channel's retry), nothing is written and that activity is returned as a duplicate.
    /// </summary>
    Task<ReceivedActivity> ReceiveAsync(string conversationId, string? dedupeKey, string? turnChannel, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredActivity>> GetActivitiesAsync(string conversationId, int fromSequence, CancellationToken cancellationToken);

    /// <summary>Marks a turn pending that is not in the log (a channel's conversationUpdate); false when it already was.</summary>
    Task<bool> AddPendingTurnAsync(PendingTurn turn, CancellationToken cancellationToken);

    /// <summary>The turn has run (or was given up): it is no longer pending.</summary>
    Task CompleteTurnAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    Task<bool> IsTurnPendingAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Pending turns accepted before <paramref name="acceptedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<PendingTurn>> PendingTurnsAsync(DateTimeOffset acceptedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Counts an attempt to replay a pending turn; returns the attempts so far, this one included.</summary>
    Task<int> CountReplayAttemptAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Conversations of one channel user id, including those only a case still names.</summary>
    Task<IReadOnlyList<string>> ConversationsOfUserAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>A turn that was accepted but has not finished: the activity is at <see cref="Sequence"/> in the log, or (not logged) in <see cref="Activity"/>.</summary>
internal sealed record PendingTurn(string ConversationId, string ActivityId, string Channel, int? Sequence, Activity? Activity, DateTimeOffset AcceptedAt, int Attempts = 0);

/// <summary>The outcome of <see cref="IConversationStore.ReceiveAsync"/>.</summary>
internal sealed record ReceivedActivity(StoredActivity Stored, bool Duplicate, bool TurnPending);
