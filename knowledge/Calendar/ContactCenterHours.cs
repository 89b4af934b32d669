namespace Knowledge.Calendar;

/// <summary>
/// When service guides answer: weekdays between the opening and closing time (Europe/Stockholm),
/// closed on public holidays, julafton, nyårsafton and midsommarafton, and closing early on the
/// day before a public holiday. The sample values match knowledge-source/facilities.yaml.
/// </summary>
public sealed record ContactCenterHours(TimeOnly Opens, TimeOnly Closes, TimeOnly ClosesDayBeforeHoliday)
{
    public static ContactCenterHours Default { get; } = new(new TimeOnly(8, 0), new TimeOnly(17, 0), new TimeOnly(13, 0));

    public static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public bool IsOpen(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Stockholm);
        var date = DateOnly.FromDateTime(local.DateTime);
        var closes = ClosingTime(date);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return closes is { } c && time >= Opens && time < c;
    }

    /// <summary>The closing time on <paramref name="date"/>, or null when closed all day.</summary>
    public TimeOnly? ClosingTime(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return null;
        }
        var holidays = SwedishHolidays.On(date).ToList();
        if (holidays.Any(h => h.Kind is HolidayKind.PublicHoliday or HolidayKind.Eve))
        {
            return null;
        }
        return holidays.Any(h => h.Kind == HolidayKind.DayBeforeHoliday) || SwedishHolidays.IsPublicHoliday(date.AddDays(1))
            ? ClosesDayBeforeHoliday
            : Closes;
    }

    /// <summary>The next moment guides answer, at or after <paramref name="moment"/>.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset moment)
    {
        if (IsOpen(moment))
        {
            return moment;
        }
        var local = TimeZoneInfo.ConvertTime(moment, Stockholm);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (ClosingTime(date) is not null && TimeOnly.FromDateTime(local.DateTime) < Opens)
        {
            return At(date, Opens);
        }
        for (var day = date.AddDays(1); ; day = day.AddDays(1))
        {
            if (ClosingTime(day) is not null)
            {
                return At(day, Opens);
            }
        }
    }

    private static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Stockholm.GetUtcOffset(local));
    }
}
