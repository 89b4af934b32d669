using Npgsql;

namespace Scale.Tests;

/// <summary>
/// Bot instances sharing one fresh PostgreSQL database and the run's Redis (or, for the embedded
/// store, one instance on SQLite), optionally behind nginx.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    private readonly List<BotProcess> _instances = [];

    private Cluster(string? connectionString, string dataDirectory)
    {
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
    }

    public string? ConnectionString { get; }

    public string DataDirectory { get; }

    public IReadOnlyList<BotProcess> Instances => _instances;

    public NginxProcess? Nginx { get; private set; }

    public BotProcess this[int index] => _instances[index];

    /// <summary>Instances on PostgreSQL and Redis; <paramref name="settings"/> per instance (by index) are added to the shared ones.</summary>
    public static async Task<Cluster> StartPostgresAsync(int instances, bool nginx = false, IReadOnlyList<string>? shared = null,
        Func<int, IReadOnlyList<string>>? perInstance = null, CancellationToken cancellationToken = default)
    {
        var connection = await ScaleServers.NewDatabaseAsync();
        await ScaleServers.FlushRedisAsync();
        var cluster = new Cluster(connection, Directory.CreateTempSubdirectory("stadsbot-scale-data-").FullName);
        try
        {
            var settings = new List<string>
            {
                "--Bot:Store=postgres", $"--ConnectionStrings:Postgres={connection}", $"--ConnectionStrings:Redis={ScaleServers.Redis}",
                // With PostgreSQL nothing may depend on the data folder: point it at a folder that cannot be created.
                "--Bot:DataDirectory=/proc/stadsbot-no-local-state",
            };
            settings.AddRange(shared ?? []);
            // Instances start one after the other: on two cores, starting together only makes both slower.
            for (var i = 0; i < instances; i++)
            {
                var instance = new BotProcess($"instance {(char)('A' + i)}", [.. settings, .. perInstance?.Invoke(i) ?? []]);
                cluster._instances.Add(instance);
                await instance.StartAsync(cancellationToken);
            }
            if (nginx)
            {
                cluster.Nginx = await NginxProcess.StartAsync(cluster._instances.Select(i => i.Port), cancellationToken);
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>One instance on the embedded SQLite store, with its own data folder.</summary>
    public static async Task<Cluster> StartSqliteAsync(IReadOnlyList<string>? settings = null, CancellationToken cancellationToken = default)
    {
        var cluster = new Cluster(null, Directory.CreateTempSubdirectory("stadsbot-scale-sqlite-").FullName);
        var instance = new BotProcess("SQLite instance", [$"--Bot:DataDirectory={cluster.DataDirectory}", .. settings ?? []]);
        cluster._instances.Add(instance);
        await instance.StartAsync(cancellationToken);
        return cluster;
    }

    /// <summary>A new process on the same store (and data folder) as <paramref name="previous"/>, e.g. after it was killed.</summary>
    public async Task<BotProcess> RestartAsync(BotProcess previous, IReadOnlyList<string>? drop = null, CancellationToken cancellationToken = default)
    {
        var instance = new BotProcess(previous.Name + " (restarted)", previous.Settings.Where(s => drop?.Any(d => s.StartsWith(d, StringComparison.Ordinal)) != true).ToList());
        _instances.Add(instance);
        await instance.StartAsync(cancellationToken);
        return instance;
    }

    /// <summary>Counts rows in the shared database, e.g. what an outbox still holds.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString ?? throw new InvalidOperationException("This cluster runs on SQLite."));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public string Logs => string.Join("\n", _instances.Select(i => $"----- {i.Name} -----\n{i.Log}"));

    public async ValueTask DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
