namespace Bot.KnowledgeOps;

/// <summary>
/// Hot reload: watches the content folder (file-system events, with polling as the fallback and
/// safety net) and reloads the knowledge a moment after the files stop changing.
/// </summary>
internal sealed class ContentWatcher(KnowledgeReloads reloads, KnowledgeOperationsOptions options, ILogger<ContentWatcher> logger) : BackgroundService
{
    /// <summary>Editors often save in several writes; wait this long after a change before reading.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ReloadInterval <= TimeSpan.Zero)
        {
            logger.LogInformation("Hot reload of the knowledge content is off (Knowledge:ReloadSeconds = 0)");
            return;
        }
        using var changed = new SemaphoreSlim(0);
        using var watcher = Watch(reloads.ContentDirectory, changed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await changed.WaitAsync(options.ReloadInterval, stoppingToken))
                {
                    await Task.Delay(Settle, stoppingToken);
                    while (changed.Wait(0))
                    {
                    }
                }
                await reloads.ReloadIfChangedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not read the knowledge content; trying again");
            }
        }
    }

    private FileSystemWatcher? Watch(string directory, SemaphoreSlim changed)
    {
        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            FileSystemEventHandler signal = (_, _) => changed.Release();
            watcher.Changed += signal;
            watcher.Created += signal;
            watcher.Deleted += signal;
            watcher.Renamed += (_, _) => changed.Release();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Out of inotify watches, a network share, …: polling alone still picks up every edit.
            logger.LogInformation("Watching {Directory} for changes is not possible ({Reason}); checking every {Seconds} s instead",
                directory, e.Message, options.ReloadInterval.TotalSeconds);
            return null;
        }
    }
}
