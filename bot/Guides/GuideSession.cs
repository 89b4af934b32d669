namespace Bot.Guides;

/// <summary>
/// A signed-in guide's session on the server: a console cookie or a bearer token carries its id, and
/// the cookie or token is accepted only while the session exists and is not revoked (by signing out,
/// a password change, or an administrator).
/// </summary>
/// <param name="Kind"><see cref="GuideSessionKinds.Console"/> or <see cref="GuideSessionKinds.Token"/>.</param>
internal sealed record GuideSession(string Id, string UserName, string Kind, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

internal static class GuideSessionKinds
{
    public const string Console = "console";
    public const string Token = "token";
}
