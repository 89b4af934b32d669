using Knowledge.Facilities;

namespace Knowledge.Calendar;

/// <summary>
/// When service guides answer, from the contact center's facility data (facilities.yaml: weekly
/// hours, holiday rule, exceptions, closures), in Europe/Stockholm time. <see cref="Default"/>
/// (weekdays 08–17, 13 on a "dag före röd dag", closed on holidays and eves) is used when the
/// content has no contact center.
/// </summary>
public sealed class ContactCenterHours
{
    private readonly Facility _facility;
    private readonly HolidayRule _rule;

    public ContactCenterHours(Facility facility, HolidayRule rule)
    {
        _facility = facility;
        _rule = rule;
    }

    public ContactCenterHours(TimeOnly opens, TimeOnly closes, TimeOnly closesDayBeforeHoliday)
        : this(Weekdays(opens, closes), new HolidayRule(
            new HashSet<string>(StringComparer.Ordinal) { HolidayRule.AllHolidays, "julafton", "nyårsafton", "midsommarafton" },
            WeekendHoursOnOtherHolidays: false, closesDayBeforeHoliday))
    {
    }

    public static ContactCenterHours Default { get; } = new(new TimeOnly(8, 0), new TimeOnly(17, 0), new TimeOnly(13, 0));

    public static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>The hours of the contact center in <paramref name="knowledge"/>, else <see cref="Default"/>.</summary>
    public static ContactCenterHours For(KnowledgeBase knowledge)
    {
        var catalog = knowledge.Facilities;
        return catalog.OfKind(FacilityCatalog.ContactCenterKind).FirstOrDefault(f => f.Language is null) is { } facility
            ? new ContactCenterHours(facility, catalog.RuleFor(facility))
            : Default;
    }

    /// <summary>
    /// When guides who speak <paramref name="language"/> answer, from a contact-center facility with
    /// <c>language:</c> in the content (e.g. the Finnish-speaking guides' hours); null when the content
    /// gives no such hours (guides who speak it answer whenever the contact center is open).
    /// </summary>
    public static ContactCenterHours? ForLanguage(KnowledgeBase knowledge, Language language)
    {
        var catalog = knowledge.Facilities;
        return catalog.OfKind(FacilityCatalog.ContactCenterKind).FirstOrDefault(f => f.Language == language.Code()) is { } facility
            ? new ContactCenterHours(facility, catalog.RuleFor(facility))
            : null;
    }

    public OpeningDay On(DateOnly date) => OpeningHours.On(_facility, _rule, date);

    public bool IsOpen(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Stockholm);
        return On(DateOnly.FromDateTime(local.DateTime)).Hours is { } hours && hours.Contains(TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>The closing time on <paramref name="date"/>, or null when closed all day.</summary>
    public TimeOnly? ClosingTime(DateOnly date) => On(date).Hours?.Closes;

    /// <summary>The next moment guides answer, at or after <paramref name="moment"/> (within a year).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset moment)
    {
        if (IsOpen(moment))
        {
            return moment;
        }
        var local = TimeZoneInfo.ConvertTime(moment, Stockholm);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (On(date).Hours is { } today && TimeOnly.FromDateTime(local.DateTime) < today.Opens)
        {
            return At(date, today.Opens);
        }
        for (var day = date.AddDays(1); day <= date.AddDays(366); day = day.AddDays(1))
        {
            if (On(day).Hours is { } hours)
            {
                return At(day, hours.Opens);
            }
        }
        return moment.AddDays(366);
    }

    private static Facility Weekdays(TimeOnly opens, TimeOnly closes)
    {
        var hours = new TimeRange(opens, closes);
        var days = new Dictionary<DayOfWeek, TimeRange>
        {
            [DayOfWeek.Monday] = hours, [DayOfWeek.Tuesday] = hours, [DayOfWeek.Wednesday] = hours,
            [DayOfWeek.Thursday] = hours, [DayOfWeek.Friday] = hours,
        };
        return new Facility
        {
            Id = "kontaktcenter",
            Name = "Göteborgs Stads kontaktcenter",
            Kind = FacilityCatalog.ContactCenterKind,
            Hours = new WeeklyHours(days),
            Source = "https://goteborg.se",
            Location = new SourceLocation("(built in)", 1),
        };
    }

    private static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Stockholm.GetUtcOffset(local));
    }
}
