using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Messenger;

/// <summary>
/// Processes the inbox in the background: at start-up whatever was acknowledged but not processed
/// before a stop or crash, then each delivery as it arrives. Events of one conversation run in
/// order, one at a time; different conversations run side by side.
/// </summary>
internal sealed class MessengerWorker(MessengerInbox inbox, MessengerChannel channel, IOptions<MessengerOptions> options, ILogger<MessengerWorker> logger) : BackgroundService
{
    private const int BatchSize = 500;
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
                StartLanes(stoppingToken);
                await _wake.Reader.ReadAsync(stoppingToken);
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

    private void StartLanes(CancellationToken stoppingToken)
    {
        foreach (var conversation in inbox.Pending(BatchSize).GroupBy(i => i.Event.ConversationId))
        {
            lock (_gate)
            {
                if (!_busy.Add(conversation.Key))
                {
                    // Its lane is running; it looks again when it ends.
                    continue;
                }
                _lanes.RemoveAll(t => t.IsCompleted);
                var items = conversation.ToList();
                _lanes.Add(Task.Run(() => RunLaneAsync(conversation.Key, items, stoppingToken), CancellationToken.None));
            }
        }
    }

    private async Task RunLaneAsync(string conversationId, IReadOnlyList<InboxItem> items, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var item in items)
            {
                try
                {
                    await channel.HandleAsync(item, stoppingToken);
                    inbox.MarkDone(item.Seq);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Stopping: the event stays in the inbox and is processed after the restart.
                    return;
                }
                catch (Exception exception)
                {
                    var gaveUp = inbox.MarkFailed(item.Seq);
                    MessengerLog.EventFailed(logger, exception, item.Event.Key, conversationId, gaveUp);
                    // Later events of this conversation wait until this one is done or given up.
                    return;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _busy.Remove(conversationId);
            }
            Wake();
        }
    }
}
