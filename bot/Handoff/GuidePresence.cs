using System.Collections.Concurrent;

namespace Bot.Handoff;

/// <summary>A guide's presence: ready or away, in which groups, how many consoles open, since when gone.</summary>
internal sealed record GuideStatus(string UserName, string DisplayName, IReadOnlyList<string> Groups, bool Ready, int Connections, DateTimeOffset? DisconnectedAt);

/// <summary>
/// Which guides are signed in to the console, ready or away, and in which groups. In memory with one
/// instance (<see cref="GuidePresence"/>); in Redis when several instances share the queue.
/// </summary>
internal interface IGuidePresence
{
    Task ConnectedAsync(string userName, string displayName, IReadOnlyList<string> groups);

    Task DisconnectedAsync(string userName);

    Task SetReadyAsync(string userName, string displayName, IReadOnlyList<string> groups, bool ready);

    Task<GuideStatus?> GetAsync(string userName);

    /// <summary>Every guide the console has seen (since start-up; with Redis, since Redis started).</summary>
    Task<IReadOnlyList<GuideStatus>> AllAsync();

    /// <summary>
    /// Guides ready to take chats, optionally only those in <paramref name="group"/>: ready and not
    /// disconnected (a guide working through the API, without a console connection, counts too).
    /// </summary>
    Task<IReadOnlyList<GuideStatus>> ReadyAsync(string? group = null);

    /// <summary>Guides whose consoles have been gone longer than <paramref name="grace"/>.</summary>
    Task<IReadOnlyList<GuideStatus>> GoneLongerThanAsync(TimeSpan grace);
}

/// <summary>
/// Presence kept in memory: after a restart consoles reconnect and announce themselves again.
/// </summary>
internal sealed class GuidePresence(TimeProvider clock) : IGuidePresence
{
    private readonly ConcurrentDictionary<string, GuideStatus> _guides = new(StringComparer.Ordinal);

    public Task ConnectedAsync(string userName, string displayName, IReadOnlyList<string> groups)
    {
        _guides.AddOrUpdate(userName,
            _ => new GuideStatus(userName, displayName, groups, true, 1, null),
            (_, s) => s with { Connections = s.Connections + 1, DisconnectedAt = null });
        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(string userName)
    {
        _guides.AddOrUpdate(userName,
            _ => new GuideStatus(userName, userName, [], false, 0, clock.GetUtcNow()),
            (_, s) => s.Connections <= 1 ? s with { Connections = 0, DisconnectedAt = clock.GetUtcNow() } : s with { Connections = s.Connections - 1 });
        return Task.CompletedTask;
    }

    public Task SetReadyAsync(string userName, string displayName, IReadOnlyList<string> groups, bool ready)
    {
        _guides.AddOrUpdate(userName,
            _ => new GuideStatus(userName, displayName, groups, ready, 0, null),
            (_, s) => s with { Ready = ready });
        return Task.CompletedTask;
    }

    public Task<GuideStatus?> GetAsync(string userName) => Task.FromResult(_guides.GetValueOrDefault(userName));

    public Task<IReadOnlyList<GuideStatus>> AllAsync() => Task.FromResult<IReadOnlyList<GuideStatus>>(_guides.Values.ToList());

    public Task<IReadOnlyList<GuideStatus>> ReadyAsync(string? group = null) =>
        Task.FromResult<IReadOnlyList<GuideStatus>>(_guides.Values.Where(g => IsReady(g, group)).ToList());

    public Task<IReadOnlyList<GuideStatus>> GoneLongerThanAsync(TimeSpan grace) =>
        Task.FromResult<IReadOnlyList<GuideStatus>>(_guides.Values.Where(g => IsGone(g, grace, clock.GetUtcNow())).ToList());

    public static bool IsReady(GuideStatus guide, string? group) =>
        guide.Ready && guide.DisconnectedAt is null && (group is null || guide.Groups.Contains(group));

    public static bool IsGone(GuideStatus guide, TimeSpan grace, DateTimeOffset now) =>
        guide.Connections == 0 && guide.DisconnectedAt is { } at && now - at > grace;
}
