using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace Bot.Guides;

/// <summary>
/// Bearer tokens for the guide API: the guide's user name, display name, groups and password stamp,
/// encrypted and signed by ASP.NET Core Data Protection with an 8-hour expiry (opaque to clients).
/// The keys are kept in the data folder, so tokens survive a restart.
/// </summary>
internal sealed class GuideBearerTokens(IDataProtectionProvider dataProtection, GuideAccountStore accounts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ITimeLimitedDataProtector _protector = dataProtection.CreateProtector("Guides.BearerToken").ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset ExpiresAt) Issue(GuideAccount account)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        var payload = new GuideTokenPayload(account.UserName, account.DisplayName, account.Groups, GuideClaims.StampOf(account));
        return (_protector.Protect(JsonSerializer.Serialize(payload), expiresAt), expiresAt);
    }

    /// <summary>
    /// The token's account as it is configured now, or null when the token is malformed, expired, or
    /// its account was removed or got a new password.
    /// </summary>
    public GuideAccount? Validate(string token)
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
        if (payload?.UserName is not { Length: > 0 } userName || accounts.Find(userName) is not { } account)
        {
            return null;
        }
        return payload.Stamp == GuideClaims.StampOf(account) ? account : null;
    }

    private sealed record GuideTokenPayload(
        [property: JsonPropertyName("u")] string UserName,
        [property: JsonPropertyName("n")] string DisplayName,
        [property: JsonPropertyName("g")] IReadOnlyList<string> Groups,
        [property: JsonPropertyName("s")] string Stamp);
}
