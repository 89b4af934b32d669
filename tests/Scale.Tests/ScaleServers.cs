using Npgsql;
using StackExchange.Redis;

namespace Scale.Tests;

/// <summary>
/// The PostgreSQL, Redis and nginx that ./test.sh started for this run. Each test gets a database of
/// its own and an empty Redis; the tests run one at a time (xunit.runner.json).
/// </summary>
internal static class ScaleServers
{
    private const string HowToRun =
        "These tests need PostgreSQL, Redis and nginx. Run ./test.sh (it installs them from Debian's packages and starts them on free ports), "
        + "or by hand: `source tests/scale/servers.sh && install_scale_servers && start_scale_servers && dotnet test --project tests/Scale.Tests`.";

    public static string PostgresAdmin => Require("STADSBOT_TEST_POSTGRES");

    public static string Redis => Require("STADSBOT_TEST_REDIS");

    public static string Nginx => Require("STADSBOT_TEST_NGINX");

    /// <summary>A new, empty database; its connection string.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var name = "bot_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = 60 }.ConnectionString;
    }

    /// <summary>Empties Redis, so presence and messages of an earlier test do not leak into this one.</summary>
    public static async Task FlushRedisAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis + ",allowAdmin=true");
        foreach (var endpoint in redis.GetEndPoints())
        {
            await redis.GetServer(endpoint).FlushAllDatabasesAsync();
        }
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. {HowToRun}");
}
