using Dialogs.Protocol;

namespace Bot.Storage;

/// <summary>Conversations and their activity logs. SQLite by default; a shared database when scaled out.</summary>
internal interface IConversationStore
{
    Task CreateAsync(string conversationId, string userId, string channel, CancellationToken cancellationToken);

    Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Marks the conversation started; true only for the call that started it.</summary>
    Task<bool> MarkStartedAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity, giving it the next position, an id and a timestamp that never goes
    /// backwards in the conversation. Committed before it returns.
    /// </summary>
    Task<StoredActivity> AppendAsync(string conversationId, Func<int, DateTimeOffset, Activity> build, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredActivity>> GetActivitiesAsync(string conversationId, int fromSequence, CancellationToken cancellationToken);
}
