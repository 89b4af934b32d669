using Knowledge.Calendar;

namespace Knowledge.Facilities;

/// <summary>Works out a facility's hours on a date: temporary closures, date exceptions, holiday rules, weekly hours.</summary>
public static class OpeningHours
{
    public static OpeningDay On(Facility facility, HolidayRule rule, DateOnly date)
    {
        var holidays = SwedishHolidays.On(date).ToList();
        var named = holidays.FirstOrDefault(h => h.Kind != HolidayKind.DayBeforeHoliday) ?? holidays.FirstOrDefault();
        if (facility.Closures.FirstOrDefault(c => c.Covers(date)) is { } closure)
        {
            return new OpeningDay(date, null, OpeningBasis.TemporaryClosure, named, closure.Reason);
        }
        if (facility.Exceptions.FirstOrDefault(e => e.Date == date) is { } exception)
        {
            return new OpeningDay(date, exception.Hours, OpeningBasis.Exception, named, exception.Reason);
        }
        var regular = facility.Hours.On(date.DayOfWeek);
        foreach (var holiday in holidays.Where(h => h.Kind != HolidayKind.DayBeforeHoliday))
        {
            if (IsClosedOn(rule, holiday))
            {
                return new OpeningDay(date, null, OpeningBasis.Holiday, holiday);
            }
            if (holiday.Kind == HolidayKind.PublicHoliday && rule.WeekendHoursOnOtherHolidays)
            {
                var weekend = facility.Hours.Weekend;
                return new OpeningDay(date, weekend, weekend is null ? OpeningBasis.Holiday : OpeningBasis.HolidayWeekendHours, holiday);
            }
        }
        if (regular is null)
        {
            return new OpeningDay(date, null, OpeningBasis.ClosedWeekday, named);
        }
        if (rule.DayBeforeHolidayCloses is { } early && early < regular.Closes && IsDayBeforeHoliday(holidays))
        {
            var closes = early > regular.Opens ? early : regular.Opens;
            return new OpeningDay(date, regular with { Closes = closes }, OpeningBasis.DayBeforeHoliday,
                holidays.First(h => h.Kind == HolidayKind.DayBeforeHoliday));
        }
        return new OpeningDay(date, regular, OpeningBasis.Regular, named);
    }

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    public static IEnumerable<OpeningDay> Between(Facility facility, HolidayRule rule, DateOnly from, DateOnly to)
    {
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            yield return On(facility, rule, date);
        }
    }

    public static bool IsClosedOn(HolidayRule rule, Holiday holiday) =>
        rule.ClosedOn.Contains(HolidayKey(holiday.Name))
        || (holiday.Kind == HolidayKind.PublicHoliday && rule.ClosedOn.Contains(HolidayRule.AllHolidays));

    /// <summary>The key a holiday has in content files: lower case, spaces as underscores ("annandag_jul").</summary>
    public static string HolidayKey(string name) => name.ToLowerInvariant().Replace(' ', '_');

    /// <summary>A "dag före röd dag": trettondagsafton, skärtorsdagen, valborg, dagen före Kristi himmelsfärd, allhelgonaafton.</summary>
    private static bool IsDayBeforeHoliday(IReadOnlyList<Holiday> holidays) =>
        holidays.Any(h => h.Kind == HolidayKind.DayBeforeHoliday);
}
