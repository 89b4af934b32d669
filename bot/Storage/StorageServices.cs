using Bot.Channels.DirectLine;
using Bot.Handoff;
using Bot.Hosting;
using Bot.Security;
using Bot.Storage.Postgres;
using Bot.Storage.Redis;
using Dialogs.Engine;
using StackExchange.Redis;

namespace Bot.Storage;

/// <summary>
/// Registration of the store (<c>Bot:Store</c>: SQLite or PostgreSQL) and of what spans instances
/// (<c>ConnectionStrings:Redis</c>): fan-out of activities, guide presence, cluster notices and the counters of rate limits.
/// Features register their own stores with <see cref="AddStore{TService, TSqlite, TPostgres}"/>.
/// </summary>
internal static class StorageServices
{
    /// <summary>Opens the PostgreSQL database and brings its schema up to date (see <see cref="PostgresSchema"/>).</summary>
    public static OpenedPostgres OpenPostgres(StoreOptions store)
    {
        var database = new PostgresDatabase(store.PostgresConnectionString!);
        return new OpenedPostgres(database, PostgresSchema.Migrate(database));
    }

    public static IServiceCollection AddBotStorage(this IServiceCollection services, StoreOptions store, OpenedPostgres? postgres)
    {
        services.AddSingleton(store);
        if (postgres is not null)
        {
            services.AddSingleton(postgres);
            services.AddSingleton(postgres.Database);
            services.AddSingleton<IClusterLocks, PostgresClusterLocks>();
        }
        else
        {
            services.AddSingleton(sp => new BotDatabase(sp.GetRequiredService<BotPaths>().DataDirectory));
            services.AddSingleton<IClusterLocks>(LocalClusterLocks.Instance);
        }
        services.AddStore<IConversationStore, SqliteConversationStore, PostgresConversationStore>(store);
        services.AddStore<IConversationStateStore, SqliteConversationStateStore, PostgresConversationStateStore>(store);
        services.AddStore<IBotSettings, SqliteBotSettings, PostgresBotSettings>(store);

        if (store.RedisConfiguration is { } redis)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisOptions(redis)));
            services.AddSingleton<IActivityBackplane, RedisActivityBackplane>();
            services.AddSingleton<IGuidePresence, RedisGuidePresence>();
            services.AddSingleton<IClusterSignals, RedisSignals>();
            services.AddSingleton<IRateCounter, RedisRateCounter>();
            services.AddHostedService<InstanceHeartbeat>();
        }
        else
        {
            services.AddSingleton<IActivityBackplane>(_ => new LocalBackplane());
            services.AddSingleton<IGuidePresence, GuidePresence>();
            services.AddSingleton<IClusterSignals, LocalSignals>();
            // Rate limits and throttles count in real time, also when Bot:Now fixes the bot's clock for a demo.
            services.AddSingleton<IRateCounter>(_ => new MemoryRateCounter(TimeProvider.System));
        }
        return services;
    }

    /// <summary>Registers the SQLite or the PostgreSQL implementation of a store, as configured.</summary>
    public static IServiceCollection AddStore<TService, TSqlite, TPostgres>(this IServiceCollection services, StoreOptions store)
        where TService : class
        where TSqlite : class, TService
        where TPostgres : class, TService =>
        store.Postgres ? services.AddSingleton<TService, TPostgres>() : services.AddSingleton<TService, TSqlite>();

    /// <summary>The Redis configuration, told to keep retrying instead of failing when Redis is away for a moment.</summary>
    public static ConfigurationOptions RedisOptions(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "stadsbot-" + BotInstance.Id;
        return options;
    }

    /// <summary>The opened database and the migrations this start applied (logged once the host runs).</summary>
    internal sealed record OpenedPostgres(PostgresDatabase Database, IReadOnlyList<int> AppliedMigrations);

    private sealed class LocalBackplane : IActivityBackplane
    {
#pragma warning disable CS0067 // never raised: one instance has nobody else to hear from
        public event Action<string, StoredActivity>? Received;
#pragma warning restore CS0067

        public void Publish(string conversationId, StoredActivity activity)
        {
        }
    }
}
