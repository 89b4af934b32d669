using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Security;

/// <summary>
/// One key per kind of signature, derived with HKDF-SHA256 from a single secret: the configured
/// <c>DirectLine:TokenSigningKey</c>, or one generated once and kept by <see cref="IKeyMaterialStore"/>.
/// A signature made for one purpose (an upload link) can never be valid for another (a Direct Line token).
/// </summary>
internal sealed class SigningKeys
{
    /// <summary>The name the generated secret has always had in the database (it signed Direct Line tokens directly before).</summary>
    public const string StoredSecretName = "directline.signing-key";

    private static readonly byte[] Salt = "goteborg-stadsbot/signing-keys"u8.ToArray();
    private readonly byte[] _secret;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public SigningKeys(IKeyMaterialStore store, IConfiguration configuration)
    {
        var configured = configuration["DirectLine:TokenSigningKey"];
        _secret = configured is { Length: >= 32 } ? Encoding.UTF8.GetBytes(configured) : store.GetOrCreate(StoredSecretName, 32);
    }

    /// <summary>The 256-bit key of one purpose (see <see cref="KeyPurposes"/>).</summary>
    public byte[] For(string purpose) =>
        _keys.GetOrAdd(purpose, p => HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 32, Salt, Encoding.UTF8.GetBytes("stadsbot/" + p + "/v1")));
}

/// <summary>The purposes keys are derived for; each kind of signature has its own.</summary>
internal static class KeyPurposes
{
    public const string DirectLineToken = "directline-token";
    public const string UploadLink = "upload-link";

    /// <summary>Pseudonymizes client addresses in the upload quota counters (no IP address is stored).</summary>
    public const string ClientAddress = "client-address";
}
