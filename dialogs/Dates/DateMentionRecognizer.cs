using System.Globalization;
using System.Text.RegularExpressions;

namespace Dialogs.Dates;

/// <summary>
/// Finds the date a question is about ("i april 2020", "den 24 december 2020", "hösten 2021",
/// "in January 2021"). A month without a day stands for the middle of that month.
/// </summary>
public static partial class DateMentionRecognizer
{
    private static readonly string[][] MonthNames =
    [
        ["januari", "january", "jan"], ["februari", "february", "feb"], ["mars", "march", "mar"],
        ["april", "apr"], ["maj", "may"], ["juni", "june", "jun"], ["juli", "july", "jul"],
        ["augusti", "august", "aug"], ["september", "sept", "sep"], ["oktober", "october", "okt", "oct"],
        ["november", "nov"], ["december", "dec"],
    ];

    public static DateOnly? Find(string text)
    {
        var t = text.ToLowerInvariant();
        var full = DayMonthYear().Match(t);
        if (full.Success && Month(full.Groups["month"].Value) is { } m1)
        {
            var day = int.Parse(full.Groups["day"].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(full.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (day <= DateTime.DaysInMonth(year, m1))
            {
                return new DateOnly(year, m1, day);
            }
        }
        var monthYear = MonthYear().Match(t);
        if (monthYear.Success && Month(monthYear.Groups["month"].Value) is { } m2)
        {
            return new DateOnly(int.Parse(monthYear.Groups["year"].Value, CultureInfo.InvariantCulture), m2, 15);
        }
        var iso = IsoDate().Match(t);
        if (iso.Success && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        var season = SeasonYear().Match(t);
        if (season.Success)
        {
            var year = int.Parse(season.Groups["year"].Value, CultureInfo.InvariantCulture);
            var month = season.Groups["season"].Value switch
            {
                var s when s.StartsWith("vår", StringComparison.Ordinal) || s == "spring" => 4,
                var s when s.StartsWith("som", StringComparison.Ordinal) => 7,
                var s when s.StartsWith("höst", StringComparison.Ordinal) || s is "autumn" or "fall" => 10,
                _ => 1,
            };
            return new DateOnly(year, month, 15);
        }
        return null;
    }

    /// <summary>The text without its date expressions, so that a date does not steer the search.</summary>
    public static string WithoutDates(string text)
    {
        var result = text;
        foreach (var pattern in new[] { DayMonthYear(), MonthYear(), IsoDate(), SeasonYear() })
        {
            result = pattern.Replace(result, " ");
        }
        return result;
    }

    private static int? Month(string name)
    {
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i].Contains(name))
            {
                return i + 1;
            }
        }
        return null;
    }

    [GeneratedRegex(@"(?i)\b(?<day>[0-3]?\d)(:e|:a|st|nd|rd|th)? (?<month>[a-zåäö]+)\.? (?<year>(19|20)\d\d)\b")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"(?i)\b(?<month>januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|apr|jun|jul|aug|sept?|okt|oct|nov|dec)\.? (?<year>(19|20)\d\d)\b")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b(19|20)\d\d-[01]\d-[0-3]\d\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?i)\b(?<season>våren|vår|sommaren|sommar|hösten|höst|vintern|vinter|spring|summer|autumn|fall|winter)( of| in)? (?<year>(19|20)\d\d)\b")]
    private static partial Regex SeasonYear();
}
