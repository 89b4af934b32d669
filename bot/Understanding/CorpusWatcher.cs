using Bot.KnowledgeOps;
using Understanding;

namespace Bot.Understanding;

/// <summary>
/// Checks the training corpus for edits as often as the content (Knowledge:ReloadSeconds): new
/// examples count at once, and models are retrained in the background when the corpus changed.
/// </summary>
internal sealed class CorpusWatcher(UnderstandingProvider understanding, KnowledgeOperationsOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ReloadInterval <= TimeSpan.Zero || understanding.Current is null)
        {
            return;
        }
        // Retraining runs on the thread pool; the first check waits a little so that start-up stays quick.
        using var timer = new PeriodicTimer(options.ReloadInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Task.Run(understanding.Refresh, stoppingToken);
            }
            catch (IOException)
            {
                // A file being written: the next tick reads it.
            }
        }
    }
}
