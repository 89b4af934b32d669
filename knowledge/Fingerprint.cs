using System.Security.Cryptography;
using System.Text;

namespace Knowledge;

/// <summary>
/// SHA-256 over a sequence of texts and bytes, each part ended by a separator: tells whether data
/// derived from them (an analysis, an index, a cache file) still matches what it was derived from.
/// </summary>
public sealed class Fingerprint : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public Fingerprint Add(string text) => Add(Encoding.UTF8.GetBytes(text));

    public Fingerprint Add(byte[] bytes)
    {
        _hash.AppendData(bytes);
        _hash.AppendData([0]);
        return this;
    }

    /// <summary>The hash so far, in hexadecimal.</summary>
    public override string ToString() => Convert.ToHexString(_hash.GetCurrentHash());

    public void Dispose() => _hash.Dispose();
}
