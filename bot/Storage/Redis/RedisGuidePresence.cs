using System.Globalization;
using System.Text.Json;
using Bot.Handoff;
using Bot.Hosting;
using StackExchange.Redis;

namespace Bot.Storage.Redis;

/// <summary>
/// Guide presence shared by every instance, in Redis: one hash per guide (name, groups, ready, when
/// gone, and the number of open consoles per instance) and a set of guides. Each instance keeps a
/// heartbeat key alive (<see cref="InstanceHeartbeat"/>); the consoles counted for an instance whose
/// heartbeat has lapsed (it died) are dropped when noticed, and the guide counts as gone from then.
/// </summary>
internal sealed class RedisGuidePresence(IConnectionMultiplexer redis, TimeProvider clock) : IGuidePresence
{
    private const string Guides = "stadsbot:guides";
    private const string ConnectionPrefix = "conn:";

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey GuideKey(string userName) => "stadsbot:guide:" + userName;

    public async Task ConnectedAsync(string userName, string displayName, IReadOnlyList<string> groups)
    {
        var key = GuideKey(userName);
        var batch = Db.CreateBatch();
        var tasks = new List<Task>
        {
            batch.SetAddAsync(Guides, userName),
            batch.HashSetAsync(key, [new("name", displayName), new("groups", JsonSerializer.Serialize(groups))]),
            // A guide who opens the console is ready unless they said otherwise before.
            batch.HashSetAsync(key, "ready", "1", When.NotExists),
            batch.HashIncrementAsync(key, ConnectionPrefix + BotInstance.Id, 1),
            batch.HashDeleteAsync(key, "gone"),
        };
        batch.Execute();
        await Task.WhenAll(tasks);
    }

    public async Task DisconnectedAsync(string userName)
    {
        var key = GuideKey(userName);
        await Db.SetAddAsync(Guides, userName);
        var left = await Db.HashDecrementAsync(key, ConnectionPrefix + BotInstance.Id, 1);
        if (left <= 0)
        {
            await Db.HashDeleteAsync(key, ConnectionPrefix + BotInstance.Id);
        }
        if ((await ReadAsync(userName)) is { Connections: 0 })
        {
            await Db.HashSetAsync(key, "gone", clock.GetUtcNow().ToUnixTimeMilliseconds(), When.NotExists);
        }
    }

    public async Task SetReadyAsync(string userName, string displayName, IReadOnlyList<string> groups, bool ready)
    {
        var key = GuideKey(userName);
        await Db.SetAddAsync(Guides, userName);
        await Db.HashSetAsync(key, "name", displayName, When.NotExists);
        await Db.HashSetAsync(key, "groups", JsonSerializer.Serialize(groups), When.NotExists);
        await Db.HashSetAsync(key, "ready", ready ? "1" : "0");
    }

    public Task<GuideStatus?> GetAsync(string userName) => ReadAsync(userName);

    public async Task<IReadOnlyList<GuideStatus>> ReadyAsync(string? group = null) =>
        (await AllAsync()).Where(g => GuidePresence.IsReady(g, group)).ToList();

    public async Task<IReadOnlyList<GuideStatus>> GoneLongerThanAsync(TimeSpan grace)
    {
        var now = clock.GetUtcNow();
        return (await AllAsync()).Where(g => GuidePresence.IsGone(g, grace, now)).ToList();
    }

    public async Task<IReadOnlyList<GuideStatus>> AllAsync()
    {
        var names = await Db.SetMembersAsync(Guides);
        var guides = new List<GuideStatus>();
        foreach (var name in names)
        {
            if (await ReadAsync(name!) is { } guide)
            {
                guides.Add(guide);
            }
        }
        return guides;
    }

    private async Task<GuideStatus?> ReadAsync(string userName)
    {
        var key = GuideKey(userName);
        var fields = await Db.HashGetAllAsync(key);
        if (fields.Length == 0)
        {
            return null;
        }
        var values = fields.ToDictionary(f => f.Name.ToString(), f => f.Value, StringComparer.Ordinal);
        var connections = 0;
        var lapsed = false;
        foreach (var (field, value) in values.Where(v => v.Key.StartsWith(ConnectionPrefix, StringComparison.Ordinal)))
        {
            var instance = field[ConnectionPrefix.Length..];
            if (instance == BotInstance.Id || await Db.KeyExistsAsync(InstanceHeartbeat.Key(instance)))
            {
                connections += Math.Max(0, (int)value);
            }
            else
            {
                // That instance died with the guide's console open: its count no longer holds.
                await Db.HashDeleteAsync(key, field);
                lapsed |= (int)value > 0;
            }
        }
        DateTimeOffset? gone = values.TryGetValue("gone", out var g) && g.TryParse(out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        if (connections == 0 && gone is null && lapsed)
        {
            gone = clock.GetUtcNow();
            await Db.HashSetAsync(key, "gone", gone.Value.ToUnixTimeMilliseconds(), When.NotExists);
        }
        var groups = values.TryGetValue("groups", out var json) && !json.IsNullOrEmpty ? JsonSerializer.Deserialize<List<string>>(json.ToString()) ?? [] : [];
        return new GuideStatus(userName, values.TryGetValue("name", out var n) ? n.ToString() : userName, groups,
            values.TryGetValue("ready", out var r) && r == "1", connections, connections > 0 ? null : gone);
    }
}

/// <summary>Keeps this instance's heartbeat key in Redis alive while it runs, so others can tell it from a dead one.</summary>
internal sealed class InstanceHeartbeat(IConnectionMultiplexer redis) : BackgroundService
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    public static RedisKey Key(string instance) => "stadsbot:instance:" + instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Lifetime / 3);
        do
        {
            try
            {
                await redis.GetDatabase().StringSetAsync(Key(BotInstance.Id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), Lifetime);
            }
            catch (RedisException)
            {
                // Redis is away for a moment; the next beat tries again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(BotInstance.Id));
        }
        catch (RedisException)
        {
        }
    }
}
