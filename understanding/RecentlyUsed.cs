namespace Understanding;

/// <summary>
/// The few most recently used values by key (a fingerprint of what they were built from): derived
/// data that a rebuild with unchanged input can take instead of computing it again.
/// </summary>
public sealed class RecentlyUsed<TValue>(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Key, TValue Value)> _recent = new();

    /// <summary>The value kept under <paramref name="key"/>, else a new one from <paramref name="create"/> (outside the lock), kept from now on.</summary>
    public TValue GetOrAdd(string key, Func<TValue> create)
    {
        if (TryGet(key, out var kept))
        {
            return kept;
        }
        var value = create();
        lock (_gate)
        {
            _recent.AddFirst((key, value));
            while (_recent.Count > capacity)
            {
                _recent.RemoveLast();
            }
        }
        return value;
    }

    private bool TryGet(string key, out TValue value)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
            }
        }
        value = default!;
        return false;
    }
}
