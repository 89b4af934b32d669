using System.Collections.Concurrent;

namespace Dialogs.Engine;

/// <summary>Conversation state in memory, for the eval command and tests.</summary>
public sealed class MemoryConversationStateStore : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, ConversationState> _states = new(StringComparer.Ordinal);

    public Task<ConversationState?> LoadAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(conversationId, out var state) ? state : null);

    public Task SaveAsync(string conversationId, ConversationState state, CancellationToken cancellationToken)
    {
        _states[conversationId] = state;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        _states.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }
}
