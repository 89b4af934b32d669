using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Storage;
using System.Buffers.Text;

namespace Bot.Channels.DirectLine;

/// <summary>The claims of a Direct Line token: one conversation, one user, an expiry.</summary>
internal sealed record DirectLineClaims(
    [property: JsonPropertyName("conv")] string ConversationId,
    [property: JsonPropertyName("user")] string UserId,
    [property: JsonPropertyName("exp")] long ExpiresAt);

internal enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and checks Direct Line tokens: compact HS256 JWTs with the claims Web Chat reads
/// (<c>user</c>, <c>conv</c>, <c>exp</c>), signed with a key kept in the database.
/// </summary>
internal sealed class DirectLineTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private const string Issuer = "goteborg-stadsbot";
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public DirectLineTokens(IBotSettings settings, IConfiguration configuration, TimeProvider clock)
    {
        _clock = clock;
        var configured = configuration["DirectLine:TokenSigningKey"];
        _key = configured is { Length: >= 32 }
            ? Encoding.UTF8.GetBytes(configured)
            : Convert.FromBase64String(settings.GetOrCreate("directline.signing-key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    public string Issue(string conversationId, string userId)
    {
        var expires = _clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["conv"] = conversationId,
            ["user"] = userId,
            ["iat"] = _clock.GetUtcNow().ToUnixTimeSeconds(),
            ["exp"] = expires,
        }));
        return $"{header}.{payload}.{Sign($"{header}.{payload}")}";
    }

    public (TokenCheck Check, DirectLineClaims? Claims) Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}")), Encoding.ASCII.GetBytes(parts[2])))
        {
            return (TokenCheck.Invalid, null);
        }
        DirectLineClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<DirectLineClaims>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return (TokenCheck.Invalid, null);
        }
        if (claims is null || string.IsNullOrEmpty(claims.ConversationId) || string.IsNullOrEmpty(claims.UserId))
        {
            return (TokenCheck.Invalid, null);
        }
        return claims.ExpiresAt <= _clock.GetUtcNow().ToUnixTimeSeconds() ? (TokenCheck.Expired, claims) : (TokenCheck.Valid, claims);
    }

    /// <summary>A signature for a download address, so that links work without a token header.</summary>
    public string SignPath(string path) => Sign("path:" + path);

    public bool VerifyPath(string path, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SignPath(path)), Encoding.ASCII.GetBytes(signature));

    private string Sign(string data) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(data)));
}
