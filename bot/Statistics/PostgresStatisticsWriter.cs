using System.Threading.Channels;
using Bot.Storage.Postgres;

namespace Bot.Statistics;

/// <summary>
/// Takes the statistics rows of PostgreSQL off the turn path: a turn queues its row and goes on, and
/// one writer per instance stores what is queued in one round trip, committed without waiting for the
/// disk. Statistics are anonymous counts, not something a resident was promised; an instance that dies
/// loses the rows of its last moment (at most <see cref="MaxBatch"/>), an orderly stop writes them all.
/// Every read and every erasure of the statistics first waits for the rows this instance has queued,
/// so that what it reports (or removes) includes its own turns.
/// </summary>
internal sealed class PostgresStatisticsWriter(PostgresDatabase database, ILogger<PostgresStatisticsWriter> logger) : BackgroundService
{
    public const int MaxBatch = 500;
    private static readonly TimeSpan[] Retries = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>
    /// Queues one turn's statements (run in order, in one transaction with the others of its batch).
    /// A turn that ends while the instance stops, after the writer has drained, stores its row itself.
    /// </summary>
    public async ValueTask EnqueueAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(new Row(statements), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await WriteAsync([.. statements], 1);
        }
    }

    /// <summary>Completes when every row queued before the call is stored (or given up after retries).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flush = new Flush(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(flush))
        {
            try
            {
                await _queue.Writer.WriteAsync(flush, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                return; // stopping: the writer drains what is queued
            }
        }
        await flush.Done.Task.WaitAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Runs until the queue is completed and drained, not until the stopping token: nothing queued is dropped on an orderly stop.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var statements = new List<Statement>();
        var flushes = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var rows = 0;
            while (rows < MaxBatch && reader.TryRead(out var item))
            {
                switch (item)
                {
                    case Row row:
                        statements.AddRange(row.Statements);
                        rows++;
                        break;
                    case Flush flush:
                        flushes.Add(flush.Done);
                        break;
                }
            }
            if (rows > 0)
            {
                await WriteAsync(statements, rows);
            }
            foreach (var done in flushes)
            {
                done.TrySetResult();
            }
            statements.Clear();
            flushes.Clear();
        }
    }

    private async Task WriteAsync(List<Statement> statements, int rows)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenAsync(CancellationToken.None);
                await using var batch = PostgresDatabase.Batch(connection,
                    [new Statement("BEGIN"), new Statement("SET LOCAL synchronous_commit TO OFF"), .. statements, new Statement("COMMIT")]);
                try
                {
                    await batch.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch
                {
                    await PostgresDatabase.RollBackQuietlyAsync(connection);
                    throw;
                }
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (attempt >= Retries.Length)
                {
                    StatisticsLog.RowsDropped(logger, exception, rows);
                    return;
                }
                StatisticsLog.WriteRetried(logger, exception, rows);
                await Task.Delay(Retries[attempt]);
            }
        }
    }

    private abstract record Item;

    private sealed record Row(IReadOnlyList<Statement> Statements) : Item;

    private sealed record Flush(TaskCompletionSource Done) : Item;
}

internal static partial class StatisticsLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Storing {Rows} statistics rows failed; trying again")]
    public static partial void WriteRetried(ILogger logger, Exception exception, int rows);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "{Rows} statistics rows could not be stored and were dropped")]
    public static partial void RowsDropped(ILogger logger, Exception exception, int rows);
}
