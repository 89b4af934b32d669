using System.Globalization;
using Knowledge.Calendar;

namespace Bot.Statistics;

/// <summary>
/// The period of a statistics or inbox request: whole days in Europe/Stockholm, <c>from</c> and
/// <c>to</c> inclusive (yyyy-MM-dd); by default the last 30 days up to today.
/// </summary>
internal sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 30;

    public DateTimeOffset Start => Midnight(From);

    /// <summary>The first moment after the period.</summary>
    public DateTimeOffset End => Midnight(To.AddDays(1));

    public static bool TryParse(string? from, string? to, DateTimeOffset now, out StatisticsPeriod period, out string error)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ContactCenterHours.Stockholm).DateTime);
        period = new StatisticsPeriod(today.AddDays(1 - DefaultDays), today);
        error = "";
        DateOnly? fromDay = null, toDay = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!TryDay(from, out var d))
            {
                error = "from must be a date (yyyy-MM-dd)";
                return false;
            }
            fromDay = d;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!TryDay(to, out var d))
            {
                error = "to must be a date (yyyy-MM-dd)";
                return false;
            }
            toDay = d;
        }
        var end = toDay ?? (fromDay is { } f && f > today ? f : today);
        var start = fromDay ?? end.AddDays(1 - DefaultDays);
        if (start > end)
        {
            error = "from must not be after to";
            return false;
        }
        if (end.DayNumber - start.DayNumber > 3660)
        {
            error = "the period must be at most ten years";
            return false;
        }
        period = new StatisticsPeriod(start, end);
        return true;
    }

    private static bool TryDay(string value, out DateOnly day)
    {
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }
        // A full timestamp is accepted too; its Stockholm day counts.
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, ContactCenterHours.Stockholm).DateTime);
            return true;
        }
        return false;
    }

    private static DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, ContactCenterHours.Stockholm.GetUtcOffset(local));
    }
}
