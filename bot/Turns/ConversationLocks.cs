using System.Collections.Concurrent;

namespace Bot.Turns;

/// <summary>
/// One lock per conversation: turns and guide actions on a conversation never interleave. A lock exists
/// only while someone holds or waits for it, so the table does not grow with every conversation ever seen.
/// </summary>
internal sealed class ConversationLocks
{
    private readonly ConcurrentDictionary<string, Gate> _locks = new(StringComparer.Ordinal);

    /// <summary>Conversations with a lock held or awaited right now.</summary>
    public int Count => _locks.Count;

    public async Task<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var gate = Enter(conversationId);
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(conversationId, gate);
            throw;
        }
        return new Releaser(this, conversationId, gate);
    }

    /// <summary>Takes a reference on the conversation's gate, creating it when there is none (or it is being removed).</summary>
    private Gate Enter(string conversationId)
    {
        while (true)
        {
            var gate = _locks.GetOrAdd(conversationId, _ => new Gate());
            lock (gate)
            {
                if (!gate.Removed)
                {
                    gate.Users++;
                    return gate;
                }
            }
        }
    }

    private void Leave(string conversationId, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users > 0)
            {
                return;
            }
            gate.Removed = true;
        }
        _locks.TryRemove(new KeyValuePair<string, Gate>(conversationId, gate));
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
        public bool Removed { get; set; }
    }

    private sealed class Releaser(ConversationLocks owner, string conversationId, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(conversationId, gate);
            }
        }
    }
}
