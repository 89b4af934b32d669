using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Uploads;

/// <summary>One stored upload, as named by a link.</summary>
internal sealed record UploadReference(string ConversationId, string FileName, DateTimeOffset ExpiresAt, string BaseUrl);

/// <summary>
/// Download links of uploads: <c>{base}uploads/{conversationId}/{file}?exp=…&amp;sig=…</c>, signed with a key
/// of their own (<see cref="KeyPurposes.UploadLink"/>) over conversation, file and expiry. A link is a
/// capability: whoever has it may fetch that one file until it expires. Links kept in stored data
/// (fault reports) are handed out again with a fresh expiry by <see cref="Refresh"/>.
/// </summary>
internal sealed class UploadLinks(SigningKeys keys, TimeProvider clock)
{
    public const string Route = "uploads";

    public string Create(string baseUrl, string conversationId, string fileName, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return $"{baseUrl}{Route}/{Uri.EscapeDataString(conversationId)}/{Uri.EscapeDataString(fileName)}"
            + $"?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={Sign(conversationId, fileName, expires)}";
    }

    /// <summary>Whether the signature is ours and (unless <paramref name="allowExpired"/>) the link has not expired.</summary>
    public bool Verify(string conversationId, string fileName, string? exp, string? sig, bool allowExpired = false)
    {
        if (sig is null || sig.Length > 64 || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(conversationId, fileName, expires)), Encoding.ASCII.GetBytes(sig));
        return valid && (allowExpired || expires > clock.GetUtcNow().ToUnixTimeSeconds());
    }

    /// <summary>The upload a link (absolute, or relative to the bot's root) names, when it is one of ours; null for any other address.</summary>
    public UploadReference? Read(string? url, bool allowExpired = false)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048)
        {
            return null;
        }
        var absolute = Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https";
        if (!absolute && !(url.StartsWith('/') && Uri.TryCreate(new Uri("http://relative.invalid/"), url, out parsed)))
        {
            return null;
        }
        var segments = parsed!.AbsolutePath.Split('/');
        if (segments.Length < 4 || segments[^3] != Route)
        {
            return null;
        }
        var conversationId = Uri.UnescapeDataString(segments[^2]);
        var fileName = Uri.UnescapeDataString(segments[^1]);
        var query = QueryHelpers.ParseQuery(parsed.Query);
        if (!Verify(conversationId, fileName, query["exp"], query["sig"], allowExpired))
        {
            return null;
        }
        var basePath = string.Join('/', segments[..^3]) + "/";
        var baseUrl = absolute ? $"{parsed.Scheme}://{parsed.Authority}{basePath}" : basePath;
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["exp"]!, CultureInfo.InvariantCulture));
        return new UploadReference(conversationId, fileName, expires, baseUrl);
    }

    /// <summary>
    /// A stored link of ours with a fresh expiry, on <paramref name="baseUrl"/> (the address the reader
    /// uses) or else where it pointed before; null when the address is not one of our uploads.
    /// </summary>
    public string? Refresh(string? url, string? baseUrl, TimeSpan lifetime) =>
        Read(url, allowExpired: true) is { } upload ? Create(baseUrl ?? upload.BaseUrl, upload.ConversationId, upload.FileName, lifetime) : null;

    private string Sign(string conversationId, string fileName, long expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(keys.For(KeyPurposes.UploadLink),
            Encoding.UTF8.GetBytes($"{conversationId}\n{fileName}\n{expires.ToString(CultureInfo.InvariantCulture)}")));
}
