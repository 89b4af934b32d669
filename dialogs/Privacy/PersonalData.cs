using System.Text.RegularExpressions;

namespace Dialogs.Privacy;

/// <summary>
/// Finds and masks personal data in residents' words before they go into logs, statistics or the
/// learning inbox: personal identity numbers (personnummer, samordningsnummer) with or without
/// century and dash (19121212-1212, 121212-1212, 1212121212, 121272+1212: samordningsnummer day+60),
/// phone numbers (070-123 45 67, 031-365 00 00, +46 70 123 45 67, 0046…), e-mail addresses and
/// street addresses (Storgatan 5, Gamla Varvsgatan 3B, Kungsportsavenyn 10, with postcode).
/// </summary>
public static partial class PersonalData
{
    public const string Mask = "[personnummer]";
    public const string PhoneMask = "[telefon]";
    public const string EmailMask = "[e-post]";
    public const string AddressMask = "[adress]";

    public static string MaskIdentityNumbers(string text) => IdentityNumber().Replace(text, m => IsIdentityNumber(m.Value) ? Mask : m.Value);

    public static bool ContainsIdentityNumber(string text) => IdentityNumber().Matches(text).Any(m => IsIdentityNumber(m.Value));

    /// <summary>
    /// Masks every kind of personal data this class knows. E-mail first (an address may hold digits),
    /// then identity numbers (before phone numbers: 10 digits could be either), phone numbers, addresses.
    /// </summary>
    public static string MaskAll(string text)
    {
        var masked = Email().Replace(text, EmailMask);
        masked = MaskIdentityNumbers(masked);
        masked = Phone().Replace(masked, m => IsPhoneNumber(m.Value) ? PhoneMask : m.Value);
        return StreetAddress().Replace(masked, AddressMask);
    }

    /// <summary>Whether <see cref="MaskAll"/> would change the text.</summary>
    public static bool ContainsPersonalData(string text) => MaskAll(text) != text;

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

    /// <summary>Swedish numbers have 7–10 digits with the leading 0 (8–9 after +46 without it).</summary>
    private static bool IsPhoneNumber(string value)
    {
        var digits = new string(value.Where(char.IsDigit).ToArray());
        if (value.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal))
        {
            var national = digits.StartsWith("0046", StringComparison.Ordinal) ? digits[4..] : digits[2..];
            national = national.StartsWith('0') ? national[1..] : national;
            return national.Length is >= 7 and <= 10;
        }
        return digits.Length is >= 7 and <= 10;
    }

    [GeneratedRegex(@"(?<!\d)(\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")]
    private static partial Regex IdentityNumber();

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}")]
    private static partial Regex Email();

    // +46 70 123 45 67, +46 (0)31-365 00 00, 0046701234567, 070-123 45 67, 031/365 00 00, 08-123 456 78.
    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(?:(?:\+|00)\s?46\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[\s/-]?\d){5,8}(?!\d)")]
    private static partial Regex Phone();

    // A street name (one word ending in a street word, optionally after a capitalized word such as
    // "Gamla" or "Första"), a number with an optional letter, optionally ", 411 38 Göteborg".
    [GeneratedRegex(@"(?<!\p{L})(?:(?:\p{Lu}\p{L}+\s(?:\p{L}[\p{L}-]*?)?|\p{L}[\p{L}-]*?)(?i:gatan|gata|vägen|väg|gränden|gränd|torget|torg|allén|allé|leden|backen|stigen|gången|platsen|plan|liden|kajen|stråket|promenaden|esplanaden|avenyn|parken|höjden|berget|udden|slingan)|[Aa]venyn)\s+\d{1,4}(?:\s?[A-Za-z](?![\p{L}]))?(?:\s?(?:lgh|lägenhet)\s?\d{1,4})?(?:,?\s+\d{3}\s?\d{2}(?:\s+\p{Lu}\p{L}+)?)?(?!\d)")]
    private static partial Regex StreetAddress();
}
