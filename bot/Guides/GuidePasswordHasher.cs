using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Guides;

/// <summary>
/// Guide password hashes: PBKDF2-HMAC-SHA256 with a 16-byte random salt, written as
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c> so that the cost can be raised
/// later without invalidating existing hashes.
/// </summary>
internal static class GuidePasswordHasher
{
    public const string Algorithm = "pbkdf2-sha256";

    /// <summary>
    /// OWASP's figure for PBKDF2-HMAC-SHA256 (600,000; about 0.25 s per check on a small server). The count is
    /// part of each hash: older hashes keep working and are replaced at this cost on the next sign-in
    /// (<see cref="GuidePasswords"/>).
    /// </summary>
    public const int DefaultIterations = 600_000;

    public const int MinIterations = 100_000;

    /// <summary>An upper bound so that a mistyped hash cannot make every sign-in take minutes.</summary>
    public const int MaxIterations = 10_000_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password, int iterations = DefaultIterations) =>
        Hash(password, iterations, RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>With a given salt: only for the public demo password, whose hash must not change between runs.</summary>
    internal static string Hash(string password, int iterations, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(salt.Length, SaltBytes);
        var hash = Derive(password, salt, iterations, HashBytes);
        return string.Join('$', Algorithm, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether the password matches the hash; false (never an exception) for a malformed hash.</summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encoded, out var iterations, out var salt, out var expected, out _))
        {
            return false;
        }
        var actual = Derive(password, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Whether a (valid) hash was made with fewer iterations than <see cref="DefaultIterations"/>.</summary>
    public static bool NeedsRehash(string encoded) =>
        TryParse(encoded, out var iterations, out _, out _, out _) && iterations < DefaultIterations;

    /// <summary>Reads a hash; <paramref name="problem"/> says what is wrong with a malformed one.</summary>
    public static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash, out string? problem)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = encoded?.Split('$') ?? [];
        if (parts.Length != 4 || parts[0] != Algorithm)
        {
            problem = $"expected {Algorithm}$<iterations>$<salt>$<hash>, as printed by `dotnet run --project bot -- hash-password`";
            return false;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < MinIterations || iterations > MaxIterations)
        {
            problem = $"the iteration count must be a number from {MinIterations} to {MaxIterations}";
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            problem = "the salt and the hash must be base64";
            return false;
        }
        if (salt.Length < SaltBytes || hash.Length < HashBytes)
        {
            problem = $"the salt must have at least {SaltBytes} bytes and the hash at least {HashBytes}";
            return false;
        }
        problem = null;
        return true;
    }

    // Normalized so that å, ä and ö match however the keyboard composed them.
    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormC)), salt, iterations, HashAlgorithmName.SHA256, length);
}
