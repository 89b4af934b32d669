using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Dialogs.FaultReports;

/// <summary>
/// The short secret code in a fault report's receipt (e.g. <c>K7P2QX</c>). With the reference it lets the
/// resident ask about the report from another chat; references alone are sequential and guessable.
/// Six characters without look-alikes (no 0/O, 1/I/L), always letters and digits mixed: about 8·10⁸ codes.
/// </summary>
public static partial class FaultReportAccessCode
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    public static string New()
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, Length);
            if (code.Any(char.IsDigit) && code.Any(char.IsLetter))
            {
                return code;
            }
        }
    }

    /// <summary>A code in what the resident wrote ("… FR-2026-000123 kod k7p2qx"), upper-cased; null when there is none.</summary>
    public static string? Find(string text)
    {
        var match = CodePattern().Match(text.ToUpperInvariant());
        return match.Success ? match.Value : null;
    }

    /// <summary>Whether <paramref name="given"/> is the report's code (constant time); a report stored without a code matches nothing.</summary>
    public static bool Matches(string? expected, string? given) =>
        expected is { Length: Length } && given is { Length: Length }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    [GeneratedRegex(@"\b(?=[A-Z2-9]*[2-9])(?=[A-Z2-9]*[A-Z])[A-HJKMNP-Z2-9]{6}\b")]
    private static partial Regex CodePattern();
}
