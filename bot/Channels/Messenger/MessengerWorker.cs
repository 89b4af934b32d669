using System.Threading.Channels;
using Bot.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Messenger;

/// <summary>
/// Processes the inbox in the background: at start-up whatever was acknowledged but not processed
/// before a stop or crash, then each delivery as it arrives, and every few seconds whatever another
/// instance acknowledged and could not finish. Events of one conversation run in order, one at a time,
/// on one instance (a cluster-wide lane lock, re-reading the inbox under it); different conversations
/// run side by side.
/// </summary>
internal sealed class MessengerWorker(
    IMessengerInbox inbox, MessengerChannel channel, IClusterLocks cluster,
    IOptions<MessengerOptions> options, ILogger<MessengerWorker> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly List<Task> _lanes = [];
    private readonly Lock _gate = new();

    /// <summary>New events are in the inbox.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PauseProcessing)
        {
            MessengerLog.Paused(logger);
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await StartLanesAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    MessengerLog.EventFailed(logger, exception, "(scan)", "(inbox)", false);
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Poll);
                try
                {
                    await _wake.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Poll: events acknowledged by an instance that died.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Task[] running;
        lock (_gate)
        {
            running = [.. _lanes];
        }
        await Task.WhenAll(running);
    }

    private async Task StartLanesAsync(CancellationToken stoppingToken)
    {
        foreach (var conversation in (await inbox.PendingAsync(BatchSize, null, stoppingToken)).GroupBy(i => i.Event.ConversationId))
        {
            lock (_gate)
            {
                if (!_busy.Add(conversation.Key))
                {
                    // Its lane is running; it looks again when it ends.
                    continue;
                }
                _lanes.RemoveAll(t => t.IsCompleted);
                _lanes.Add(Task.Run(() => RunLaneAsync(conversation.Key, stoppingToken), CancellationToken.None));
            }
        }
    }

    private async Task RunLaneAsync(string conversationId, CancellationToken stoppingToken)
    {
        var worked = false;
        try
        {
            // Another instance's lane has this conversation: it processes everything pending, in order.
            await using var lane = await cluster.TryAcquireAsync("messenger-lane:" + conversationId, stoppingToken);
            if (lane is null)
            {
                return;
            }
            foreach (var item in await inbox.PendingAsync(BatchSize, conversationId, stoppingToken))
            {
                worked = true;
                try
                {
                    await channel.HandleAsync(item, stoppingToken);
                    await inbox.MarkDoneAsync(item.Seq, CancellationToken.None);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Stopping: the event stays in the inbox and is processed after the restart.
                    return;
                }
                catch (Exception exception)
                {
                    var gaveUp = await inbox.MarkFailedAsync(item.Seq, CancellationToken.None);
                    MessengerLog.EventFailed(logger, exception, item.Event.Key, conversationId, gaveUp);
                    // Later events of this conversation wait until this one is done or given up.
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _busy.Remove(conversationId);
            }
        }
        if (worked)
        {
            // Events may have arrived meanwhile, or a failed one is due again.
            Wake();
        }
    }
}
