using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Security;

namespace Bot.Channels.DirectLine;

/// <summary>The claims of a Direct Line token: one conversation, one user, an expiry.</summary>
internal sealed record DirectLineClaims(
    [property: JsonPropertyName("iss")] string? Issuer,
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
/// (<c>user</c>, <c>conv</c>, <c>exp</c>), signed with a key of their own (<see cref="KeyPurposes.DirectLineToken"/>).
/// A token is valid only with exactly our header, a signature over header and payload, our issuer and an expiry.
/// </summary>
internal sealed class DirectLineTokens(SigningKeys keys, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private const string Issuer = "goteborg-stadsbot";
    private const int MaxTokenLength = 4096;
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    private byte[] Key => keys.For(KeyPurposes.DirectLineToken);

    public string Issue(string conversationId, string userId)
    {
        var now = clock.GetUtcNow();
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["conv"] = conversationId,
            ["user"] = userId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
        }));
        return $"{Header}.{payload}.{Sign($"{Header}.{payload}")}";
    }

    public (TokenCheck Check, DirectLineClaims? Claims) Validate(string token)
    {
        var parts = token.Length <= MaxTokenLength ? token.Split('.') : [];
        if (parts.Length != 3 || !HasOurHeader(parts[0]) || !Base64Url.IsValid(parts[1])
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}")), Encoding.ASCII.GetBytes(parts[2])))
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
        if (claims is null || claims.Issuer != Issuer || string.IsNullOrEmpty(claims.ConversationId) || string.IsNullOrEmpty(claims.UserId) || claims.ExpiresAt <= 0)
        {
            return (TokenCheck.Invalid, null);
        }
        return claims.ExpiresAt <= clock.GetUtcNow().ToUnixTimeSeconds() ? (TokenCheck.Expired, claims) : (TokenCheck.Valid, claims);
    }

    /// <summary>The header must be the one we issue: HS256 only (no "none", no other algorithm or key id).</summary>
    private static bool HasOurHeader(string encoded)
    {
        if (!Base64Url.IsValid(encoded))
        {
            return false;
        }
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
            var root = header.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.EnumerateObject().Count() == 2
                && root.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String && alg.GetString() == "HS256"
                && root.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String && typ.GetString() == "JWT";
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return false;
        }
    }

    private string Sign(string data) => Base64Url.EncodeToString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(data)));
}
