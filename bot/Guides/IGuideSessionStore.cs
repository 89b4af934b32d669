namespace Bot.Guides;

/// <summary>Guides' server-side sessions. SQLite by default; a shared database when scaled out, so a revocation holds on every instance.</summary>
internal interface IGuideSessionStore
{
    Task CreateAsync(GuideSession session, CancellationToken cancellationToken);

    Task<GuideSession?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Moves the expiry of an active session (a console cookie renewed by use).</summary>
    Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Revokes one session; false when there is no active one with that id.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes every active session of a guide except <paramref name="exceptId"/>; returns how many.</summary>
    Task<int> RevokeAllAsync(string userName, string? exceptId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The active sessions of a guide (user names compared without case), newest first.</summary>
    Task<IReadOnlyList<GuideSession>> ListAsync(string userName, DateTimeOffset now, CancellationToken cancellationToken);
}
