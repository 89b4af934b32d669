using Bot.Storage;
using Bot.Storage.Postgres;
using Knowledge;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using StackExchange.Redis;

namespace Bot.Hosting;

/// <summary>Opening the store at start-up, and the health checks a load balancer asks.</summary>
internal static class StoreStartup
{
    /// <summary>Advisory lock key for one-time start-up work (an arbitrary constant).</summary>
    private const long StartupLock = 0x73_74_61_64_73_62_6f_75;

    /// <summary>
    /// Opens (and with PostgreSQL migrates) the store, so that a wrong connection string stops the
    /// start at once. With PostgreSQL, the first instance also creates the Data Protection key, under a
    /// lock, so that instances starting together do not each make their own.
    /// </summary>
    public static void Open(IServiceProvider services)
    {
        if (!services.GetRequiredService<StoreOptions>().Postgres)
        {
            services.GetRequiredService<BotDatabase>();
            return;
        }
        var database = services.GetRequiredService<PostgresDatabase>();
        if (services.GetRequiredService<StorageServices.OpenedPostgres>().AppliedMigrations is { Count: > 0 } applied)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PostgresSchema))
                .LogInformation("PostgreSQL schema migrated to version {Versions}", string.Join(", ", applied));
        }
        using var connection = database.Open();
        using (var take = PostgresDatabase.Command(connection, $"SELECT pg_advisory_lock({StartupLock})"))
        {
            take.ExecuteNonQuery();
        }
        try
        {
            var keys = services.GetRequiredService<IKeyManager>();
            var now = DateTimeOffset.UtcNow;
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
            {
                keys.CreateNewKey(now, now.AddDays(90));
            }
        }
        finally
        {
            using var release = PostgresDatabase.Command(connection, $"SELECT pg_advisory_unlock({StartupLock})");
            release.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// <c>GET /healthz</c> (readiness): 200 once the knowledge is loaded and the database (and Redis,
    /// when configured) answer; 503 before, and from the moment the instance starts shutting down, so
    /// that a load balancer stops sending it new requests. <c>GET /healthz/live</c> (liveness): 200 while
    /// the process serves at all.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (KnowledgeProvider knowledge, StoreOptions store, IServiceProvider services, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return Results.Json(new { status = "stopping" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            if (knowledge.Current.Knowledge.Entries.Count == 0)
            {
                return Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            try
            {
                if (store.Postgres)
                {
                    await services.GetRequiredService<PostgresDatabase>().ScalarAsync<int>("SELECT 1", cancellationToken);
                }
                else
                {
                    using var connection = services.GetRequiredService<BotDatabase>().Open();
                }
                if (store.Redis)
                {
                    await services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return Results.Json(new { status = "unavailable", reason = exception.GetType().Name }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return Results.Json(new { status = "ok", entries = knowledge.Current.Knowledge.Entries.Count, instance = BotInstance.Id });
        });
        app.MapGet("/healthz/live", () => Results.Json(new { status = "live" }));
        return app;
    }
}
