using System.Text;
using System.Text.Json;

namespace Bot.Channels.Connector;

/// <summary>A compact JWS (header.payload.signature), parsed but not yet trusted.</summary>
internal sealed record ConnectorJwt(string Algorithm, string? KeyId, JsonElement Payload, byte[] SignedData, byte[] Signature)
{
    public static ConnectorJwt? Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            var header = JsonDocument.Parse(Base64Url.Decode(parts[0])).RootElement;
            var payload = JsonDocument.Parse(Base64Url.Decode(parts[1])).RootElement;
            if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object
                || !header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            var kid = header.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return new ConnectorJwt(alg.GetString()!, kid, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    public string? String(string claim) =>
        Payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public DateTimeOffset? Time(string claim) =>
        Payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The audience, which JWT allows as one string or an array of strings.</summary>
    public IReadOnlyList<string> Audiences() =>
        !Payload.TryGetProperty("aud", out var aud) ? []
        : aud.ValueKind == JsonValueKind.String ? [aud.GetString()!]
        : aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList()
        : [];
}

internal static class Base64Url
{
    public static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("Not base64url.") };
        return Convert.FromBase64String(padded);
    }

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
