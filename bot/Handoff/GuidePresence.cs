using System.Collections.Concurrent;

namespace Bot.Handoff;

/// <summary>
/// Which guides are signed in to the console, ready or away, and in which groups. Kept in memory:
/// after a restart consoles reconnect and announce themselves again.
/// </summary>
internal sealed class GuidePresence(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, GuideStatus> _guides = new(StringComparer.Ordinal);

    public sealed record GuideStatus(string UserName, string DisplayName, IReadOnlyList<string> Groups, bool Ready, int Connections, DateTimeOffset? DisconnectedAt);

    public void Connected(string userName, string displayName, IReadOnlyList<string> groups) =>
        _guides.AddOrUpdate(userName,
            _ => new GuideStatus(userName, displayName, groups, true, 1, null),
            (_, s) => s with { Connections = s.Connections + 1, DisconnectedAt = null });

    public void Disconnected(string userName) =>
        _guides.AddOrUpdate(userName,
            _ => new GuideStatus(userName, userName, [], false, 0, clock.GetUtcNow()),
            (_, s) => s.Connections <= 1 ? s with { Connections = 0, DisconnectedAt = clock.GetUtcNow() } : s with { Connections = s.Connections - 1 });

    public void SetReady(string userName, string displayName, IReadOnlyList<string> groups, bool ready) =>
        _guides.AddOrUpdate(userName,
            _ => new GuideStatus(userName, displayName, groups, ready, 0, null),
            (_, s) => s with { Ready = ready });

    public GuideStatus? Get(string userName) => _guides.GetValueOrDefault(userName);

    /// <summary>Every guide the console has seen since start-up.</summary>
    public IReadOnlyList<GuideStatus> All() => _guides.Values.ToList();

    /// <summary>
    /// Guides ready to take chats, optionally only those in <paramref name="group"/>: ready and not
    /// disconnected (a guide working through the API, without a console connection, counts too).
    /// </summary>
    public IReadOnlyList<GuideStatus> Ready(string? group = null) =>
        _guides.Values.Where(g => g.Ready && g.DisconnectedAt is null && (group is null || g.Groups.Contains(group))).ToList();

    /// <summary>Guides whose consoles have been gone longer than <paramref name="grace"/>.</summary>
    public IReadOnlyList<GuideStatus> GoneLongerThan(TimeSpan grace) =>
        _guides.Values.Where(g => g.Connections == 0 && g.DisconnectedAt is { } at && clock.GetUtcNow() - at > grace).ToList();
}
