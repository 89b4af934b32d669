namespace Dialogs.Engine;

/// <summary>Where conversation state lives between turns (SQLite in the host, memory in tests).</summary>
public interface IConversationStateStore
{
    Task<ConversationState?> LoadAsync(string conversationId, CancellationToken cancellationToken);

    Task SaveAsync(string conversationId, ConversationState state, CancellationToken cancellationToken);

    Task DeleteAsync(string conversationId, CancellationToken cancellationToken);
}
