using System.Buffers.Text;
using System.Security.Cryptography;

namespace Bot.Guides;

/// <summary>Starts, checks and ends guides' server-side sessions (<see cref="GuideSession"/>).</summary>
internal sealed class GuideSessions(IGuideSessionStore store, GuideLiveConnections connections, TimeProvider clock)
{
    public async Task<GuideSession> StartAsync(GuideAccount account, string kind, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = new GuideSession(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)), account.UserName, kind, now, now + lifetime, null);
        await store.CreateAsync(session, cancellationToken);
        return session;
    }

    /// <summary>Whether <paramref name="id"/> is an active session of <paramref name="userName"/>.</summary>
    public async Task<bool> IsActiveAsync(string? id, string userName, CancellationToken cancellationToken) =>
        id is { Length: > 0 and <= 64 }
        && await store.FindAsync(id, cancellationToken) is { } session
        && session.IsActive(clock.GetUtcNow())
        && string.Equals(session.UserName, userName, StringComparison.OrdinalIgnoreCase);

    public Task ExtendAsync(string id, TimeSpan lifetime, CancellationToken cancellationToken) =>
        store.ExtendAsync(id, clock.GetUtcNow() + lifetime, cancellationToken);

    public Task<GuideSession?> FindAsync(string id, CancellationToken cancellationToken) => store.FindAsync(id, cancellationToken);

    /// <summary>Revokes the session and closes the console connection it opened.</summary>
    public async Task<bool> EndAsync(string id, CancellationToken cancellationToken)
    {
        var ended = await store.RevokeAsync(id, clock.GetUtcNow(), cancellationToken);
        connections.Close((session, _) => session == id);
        return ended;
    }

    /// <summary>Revokes every session of the guide but <paramref name="exceptId"/>, and closes their console connections.</summary>
    public async Task<int> EndAllAsync(string userName, string? exceptId, CancellationToken cancellationToken)
    {
        var ended = await store.RevokeAllAsync(userName, exceptId, clock.GetUtcNow(), cancellationToken);
        connections.Close((session, user) => session != exceptId && string.Equals(user, userName, StringComparison.OrdinalIgnoreCase));
        return ended;
    }

    public Task<IReadOnlyList<GuideSession>> ListAsync(string userName, CancellationToken cancellationToken) =>
        store.ListAsync(userName, clock.GetUtcNow(), cancellationToken);
}
