using System.Collections.Concurrent;
using Bot.Storage;

namespace Bot.Turns;

/// <summary>
/// One lock per conversation: turns and guide actions on a conversation never interleave. Within a
/// process a semaphore; with a shared store also a cluster-wide lock (<see cref="IClusterLocks"/>),
/// so that turns of one conversation run one at a time across instances too. A local gate exists
/// only while someone holds or waits for it, so the table does not grow with every conversation ever seen.
/// Between the two, the holder takes a place in <see cref="TurnAdmission"/>: a conversation's second
/// message waits on its own conversation without taking a place from others, and no place is taken
/// by a turn that only waits.
/// </summary>
internal sealed class ConversationLocks(IClusterLocks cluster, TurnAdmission admission)
{
    private readonly ConcurrentDictionary<string, Gate> _locks = new(StringComparer.Ordinal);

    public ConversationLocks() : this(LocalClusterLocks.Instance, TurnAdmission.Unlimited)
    {
    }

    public ConversationLocks(IClusterLocks cluster) : this(cluster, TurnAdmission.Unlimited)
    {
    }

    /// <summary>Conversations with a lock held or awaited right now (on this instance).</summary>
    public int Count => _locks.Count;

    public async Task<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
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
        IDisposable? place = null;
        try
        {
            place = await admission.EnterAsync(cancellationToken);
            var shared = await cluster.AcquireAsync(conversationId, cancellationToken);
            return new Releaser(this, conversationId, gate, shared, place);
        }
        catch
        {
            place?.Dispose();
            gate.Semaphore.Release();
            Leave(conversationId, gate);
            throw;
        }
    }

    /// <summary>The lock if nobody holds it now (on any instance), else null.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var gate = Enter(conversationId);
        if (!gate.Semaphore.Wait(0, CancellationToken.None))
        {
            Leave(conversationId, gate);
            return null;
        }
        IAsyncDisposable? shared = null;
        try
        {
            shared = await cluster.TryAcquireAsync(conversationId, cancellationToken);
        }
        finally
        {
            if (shared is null)
            {
                gate.Semaphore.Release();
                Leave(conversationId, gate);
            }
        }
        return shared is null ? null : new Releaser(this, conversationId, gate, shared, null);
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

    private sealed class Releaser(ConversationLocks owner, string conversationId, Gate gate, IAsyncDisposable? shared, IDisposable? place) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                try
                {
                    if (shared is not null)
                    {
                        await shared.DisposeAsync();
                    }
                }
                finally
                {
                    place?.Dispose();
                    gate.Semaphore.Release();
                    owner.Leave(conversationId, gate);
                }
            }
        }
    }
}
