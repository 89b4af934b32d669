using System.Collections.Concurrent;
using Bot.Storage;

namespace Bot.Turns;

/// <summary>
/// One lock per conversation: turns and guide actions on a conversation never interleave. Within a
/// process a semaphore; with a shared store also a cluster-wide lock (<see cref="IClusterLocks"/>),
/// so that turns of one conversation run one at a time across instances too.
/// </summary>
internal sealed class ConversationLocks(IClusterLocks cluster)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public ConversationLocks() : this(LocalClusterLocks.Instance)
    {
    }

    public async Task<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(conversationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var shared = await cluster.AcquireAsync(conversationId, cancellationToken);
            return new Releaser(gate, shared);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>The lock if nobody holds it now (on any instance), else null.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(conversationId, _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(0, CancellationToken.None))
        {
            return null;
        }
        try
        {
            if (await cluster.TryAcquireAsync(conversationId, cancellationToken) is { } shared)
            {
                return new Releaser(gate, shared);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
        gate.Release();
        return null;
    }

    private sealed class Releaser(SemaphoreSlim gate, IAsyncDisposable? shared) : IAsyncDisposable
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
                    gate.Release();
                }
            }
        }
    }
}
