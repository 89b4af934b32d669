namespace Bot.Storage;

/// <summary>
/// Where the bot keeps its state: <c>Bot:Store</c> = <c>sqlite</c> (embedded, one instance, the default)
/// or <c>postgres</c> (<c>ConnectionStrings:Postgres</c>, several instances); <c>ConnectionStrings:Redis</c>
/// turns on what spans instances (fan-out, SignalR, presence, knowledge reloads).
/// </summary>
internal sealed record StoreOptions(bool Postgres, string? PostgresConnectionString, string? RedisConfiguration)
{
    public static StoreOptions From(IConfiguration configuration)
    {
        var store = configuration["Bot:Store"] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : "sqlite";
        var redis = configuration.GetConnectionString("Redis") is { Length: > 0 } r ? r : null;
        switch (store)
        {
            case "sqlite":
                return new StoreOptions(false, null, redis);
            case "postgres" or "postgresql":
                var connection = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException(
                        "Bot:Store is postgres but ConnectionStrings:Postgres is empty: set it to an Npgsql connection string, "
                        + "e.g. ConnectionStrings__Postgres='Host=db;Database=stadsbot;Username=stadsbot;Password=…'.");
                }
                return new StoreOptions(true, connection, redis);
            default:
                throw new InvalidOperationException($"Bot:Store must be 'sqlite' or 'postgres', not '{store}'.");
        }
    }

    public bool Redis => RedisConfiguration is not null;
}
