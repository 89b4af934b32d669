using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace Bot.Guides;

/// <summary>
/// Bearer tokens for the guide API: the guide's user name, display name, groups, password stamp and the
/// id of a server-side session, encrypted and signed by ASP.NET Core Data Protection with an 8-hour expiry
/// (opaque to clients). A token works only while its session is active, so it can be revoked
/// (<c>POST /api/guide/logout</c>, a password change, an administrator). The keys are kept in the data
/// folder, so tokens survive a restart.
/// </summary>
internal sealed class GuideBearerTokens(IDataProtectionProvider dataProtection, GuideAccountStore accounts, GuideSessions sessions, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ITimeLimitedDataProtector _protector = dataProtection.CreateProtector("Guides.BearerToken").ToTimeLimitedDataProtector();

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(GuideAccount account, CancellationToken cancellationToken)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        var session = await sessions.StartAsync(account, GuideSessionKinds.Token, Lifetime, cancellationToken);
        var payload = new GuideTokenPayload(account.UserName, account.DisplayName, account.Groups, GuideClaims.StampOf(account), session.Id);
        return (_protector.Protect(JsonSerializer.Serialize(payload), expiresAt), expiresAt);
    }

    /// <summary>
    /// The token's account as it is configured now and its session id, or null when the token is malformed,
    /// expired, revoked, or its account was removed or got a new configured password.
    /// </summary>
    public async Task<(GuideAccount Account, string SessionId)?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        GuideTokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<GuideTokenPayload>(_protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
        if (payload?.UserName is not { Length: > 0 } userName || accounts.Find(userName) is not { } account
            || payload.Stamp != GuideClaims.StampOf(account) || !await sessions.IsActiveAsync(payload.Session, account.UserName, cancellationToken))
        {
            return null;
        }
        return (account, payload.Session!);
    }

    private sealed record GuideTokenPayload(
        [property: JsonPropertyName("u")] string UserName,
        [property: JsonPropertyName("n")] string DisplayName,
        [property: JsonPropertyName("g")] IReadOnlyList<string> Groups,
        [property: JsonPropertyName("s")] string Stamp,
        [property: JsonPropertyName("i")] string? Session);
}
