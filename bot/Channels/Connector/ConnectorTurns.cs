using System.Collections.Concurrent;

namespace Bot.Channels.Connector;

/// <summary>
/// Turns that run after Azure Bot Service has got its answer. Shutting down waits for them, so a
/// stored activity is not left without its reply.
/// </summary>
internal sealed class ConnectorTurns(ILogger<ConnectorTurns> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public Task Run(Func<CancellationToken, Task> work)
    {
        var task = Task.Run(() => work(CancellationToken.None));
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(finished =>
        {
            _running.TryRemove(finished, out _);
            if (finished.Exception is { } exception)
            {
                ConnectorLog.TurnFailed(logger, exception.GetBaseException());
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Already logged by the continuation.
        }
    }
}
