using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Guides;

/// <summary>The claims of a signed-in guide: name identifier = user name, name = display name, one "group" claim per group.</summary>
internal static class GuideClaims
{
    public const string Group = "group";

    /// <summary>Changes when the account's configured password hash changes, which ends its cookies and tokens.</summary>
    public const string Stamp = "guide_stamp";

    /// <summary>The id of the server-side session (<see cref="GuideSession"/>) the cookie or token belongs to.</summary>
    public const string Session = "guide_session";

    /// <summary>Present for administrators.</summary>
    public const string Admin = "guide_admin";

    public static ClaimsPrincipal CreatePrincipal(GuideAccount account, string authenticationType, string sessionId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.UserName),
            new(ClaimTypes.Name, account.DisplayName),
            new(Stamp, StampOf(account)),
            new(Session, sessionId),
        };
        if (account.IsAdmin)
        {
            claims.Add(new Claim(Admin, "true"));
        }
        claims.AddRange(account.Groups.Select(group => new Claim(Group, group)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, Group));
    }

    public static string StampOf(GuideAccount account) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(account.UserName.ToUpperInvariant() + "\n" + account.PasswordHash)).AsSpan(0, 12));
}
