using System.Text.RegularExpressions;

namespace Dialogs.Privacy;

/// <summary>
/// Finds and masks personal identity numbers (personnummer, samordningsnummer) with or without
/// century and dash: 19121212-1212, 121212-1212, 1212121212, 121272+1212 (samordningsnummer day+60).
/// </summary>
public static partial class PersonalData
{
    public const string Mask = "[personnummer]";

    public static string MaskIdentityNumbers(string text) => IdentityNumber().Replace(text, m => IsIdentityNumber(m.Value) ? Mask : m.Value);

    public static bool ContainsIdentityNumber(string text) => IdentityNumber().Matches(text).Any(m => IsIdentityNumber(m.Value));

    /// <summary>Date part plausible (day 1–31, or 61–91 for samordningsnummer) and the Luhn check digit right.</summary>
    private static bool IsIdentityNumber(string value)
    {
        var digits = new string(value.Where(char.IsDigit).ToArray());
        if (digits.Length == 12)
        {
            digits = digits[2..];
        }
        if (digits.Length != 10)
        {
            return false;
        }
        var month = int.Parse(digits.AsSpan(2, 2), provider: null);
        var day = int.Parse(digits.AsSpan(4, 2), provider: null);
        if (month is < 1 or > 12 || !(day is >= 1 and <= 31 || day is >= 61 and <= 91))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var product = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - (sum % 10)) % 10 == digits[9] - '0';
    }

    [GeneratedRegex(@"(?<!\d)(\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")]
    private static partial Regex IdentityNumber();
}
