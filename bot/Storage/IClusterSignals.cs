namespace Bot.Storage;

/// <summary>
/// Short notices to every instance (including this one): "the knowledge changed", "new Messenger
/// events". Redis pub/sub when <c>ConnectionStrings:Redis</c> is set, otherwise in-process. A notice
/// can be lost (Redis restarting), so whoever listens also checks on a timer.
/// </summary>
internal interface IClusterSignals
{
    void Publish(string signal);

    void Subscribe(string signal, Action handler);
}

internal sealed class LocalSignals : IClusterSignals
{
    private readonly Dictionary<string, List<Action>> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Publish(string signal)
    {
        Action[] handlers;
        lock (_gate)
        {
            handlers = _handlers.TryGetValue(signal, out var list) ? [.. list] : [];
        }
        foreach (var handler in handlers)
        {
            handler();
        }
    }

    public void Subscribe(string signal, Action handler)
    {
        lock (_gate)
        {
            if (!_handlers.TryGetValue(signal, out var list))
            {
                _handlers[signal] = list = [];
            }
            list.Add(handler);
        }
    }
}
