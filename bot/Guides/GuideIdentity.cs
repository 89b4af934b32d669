using System.Security.Claims;

namespace Bot.Guides;

/// <summary>The signed-in guide, for endpoints: <c>GuideIdentity.From(context.User)</c>.</summary>
internal sealed record GuideIdentity(string UserName, string DisplayName, IReadOnlyList<string> Groups)
{
    /// <summary>
    /// The guide of a principal authenticated by the guide cookie or a guide bearer token (the token wins
    /// when a request has both); null for anyone else.
    /// </summary>
    public static GuideIdentity? From(ClaimsPrincipal? principal)
    {
        var identity = Find(principal, GuideAuthentication.BearerScheme) ?? Find(principal, GuideAuthentication.CookieScheme);
        if (identity?.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { Length: > 0 } userName)
        {
            return null;
        }
        var displayName = identity.FindFirst(ClaimTypes.Name)?.Value is { Length: > 0 } name ? name : userName;
        var groups = identity.FindAll(GuideClaims.Group).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new GuideIdentity(userName, displayName, groups)
        {
            SessionId = identity.FindFirst(GuideClaims.Session)?.Value,
            IsAdmin = identity.HasClaim(GuideClaims.Admin, "true"),
        };
    }

    /// <summary>The server-side session of this request's cookie or token.</summary>
    public string? SessionId { get; init; }

    public bool IsAdmin { get; init; }

    public bool IsInGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);

    private static ClaimsIdentity? Find(ClaimsPrincipal? principal, string scheme) =>
        principal?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == scheme);
}
