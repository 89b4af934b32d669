namespace Knowledge.Calendar;

/// <summary>A named day in the Swedish calendar.</summary>
public sealed record Holiday(DateOnly Date, string Name, string EnglishName, HolidayKind Kind)
{
    /// <summary>The holiday's name in every language the bot answers in (other languages from messages.yaml, key "Holiday.&lt;Swedish name&gt;").</summary>
    public LocalizedText Title => HolidayNames.Of(Name, EnglishName);
}

/// <summary>
/// The holidays' names as fixed messages, registered as "Holiday.&lt;Swedish name&gt;" so that their
/// translations in content/messages.yaml apply.
/// </summary>
public static class HolidayNames
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, LocalizedText> Names = new(StringComparer.Ordinal);

    static HolidayNames()
    {
        foreach (var holiday in SwedishHolidays.For(2000))
        {
            _ = Of(holiday.Name, holiday.EnglishName);
        }
    }

    /// <summary>Makes sure every holiday name is registered with <see cref="MessageCatalog"/>.</summary>
    public static void Register()
    {
    }

    public const string KeyPrefix = "Holiday.";

    public static LocalizedText Of(string name, string englishName) => Names.GetOrAdd(name, n =>
    {
        var text = new LocalizedText(n, englishName);
        MessageCatalog.Register(KeyPrefix + n, text);
        return text;
    });
}

public enum HolidayKind
{
    /// <summary>A public holiday ("röd dag").</summary>
    PublicHoliday,
    /// <summary>Julafton, nyårsafton, midsommarafton: not public holidays, but most offices are closed.</summary>
    Eve,
    /// <summary>"Dag före röd dag": trettondagsafton, skärtorsdagen, valborg, dagen före Kristi himmelsfärd, allhelgonaafton.</summary>
    DayBeforeHoliday,
}

/// <summary>Swedish public holidays and eves for any year, Easter-dependent ones included.</summary>
public static class SwedishHolidays
{
    public static IReadOnlyList<Holiday> For(int year)
    {
        var easter = EasterSunday(year);
        var midsummerEve = FirstWeekday(new DateOnly(year, 6, 19), DayOfWeek.Friday);
        var allSaints = FirstWeekday(new DateOnly(year, 10, 31), DayOfWeek.Saturday);
        var days = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "nyårsdagen", "New Year's Day", HolidayKind.PublicHoliday),
            new(new DateOnly(year, 1, 5), "trettondagsafton", "Twelfth Night", HolidayKind.DayBeforeHoliday),
            new(new DateOnly(year, 1, 6), "trettondedag jul", "Epiphany", HolidayKind.PublicHoliday),
            new(easter.AddDays(-3), "skärtorsdagen", "Maundy Thursday", HolidayKind.DayBeforeHoliday),
            new(easter.AddDays(-2), "långfredagen", "Good Friday", HolidayKind.PublicHoliday),
            new(easter.AddDays(-1), "påskafton", "Easter Saturday", HolidayKind.Eve),
            new(easter, "påskdagen", "Easter Sunday", HolidayKind.PublicHoliday),
            new(easter.AddDays(1), "annandag påsk", "Easter Monday", HolidayKind.PublicHoliday),
            new(new DateOnly(year, 4, 30), "valborgsmässoafton", "Walpurgis Night", HolidayKind.DayBeforeHoliday),
            new(new DateOnly(year, 5, 1), "första maj", "May Day", HolidayKind.PublicHoliday),
            new(easter.AddDays(38), "dagen före Kristi himmelsfärdsdag", "day before Ascension Day", HolidayKind.DayBeforeHoliday),
            new(easter.AddDays(39), "Kristi himmelsfärdsdag", "Ascension Day", HolidayKind.PublicHoliday),
            new(easter.AddDays(48), "pingstafton", "Whitsun Eve", HolidayKind.Eve),
            new(easter.AddDays(49), "pingstdagen", "Whit Sunday", HolidayKind.PublicHoliday),
            new(new DateOnly(year, 6, 6), "Sveriges nationaldag", "National Day of Sweden", HolidayKind.PublicHoliday),
            new(midsummerEve, "midsommarafton", "Midsummer Eve", HolidayKind.Eve),
            new(midsummerEve.AddDays(1), "midsommardagen", "Midsummer Day", HolidayKind.PublicHoliday),
            new(allSaints.AddDays(-1), "allhelgonaafton", "All Saints' Eve", HolidayKind.DayBeforeHoliday),
            new(allSaints, "alla helgons dag", "All Saints' Day", HolidayKind.PublicHoliday),
            new(new DateOnly(year, 12, 24), "julafton", "Christmas Eve", HolidayKind.Eve),
            new(new DateOnly(year, 12, 25), "juldagen", "Christmas Day", HolidayKind.PublicHoliday),
            new(new DateOnly(year, 12, 26), "annandag jul", "Boxing Day", HolidayKind.PublicHoliday),
            new(new DateOnly(year, 12, 31), "nyårsafton", "New Year's Eve", HolidayKind.Eve),
        };
        return days.OrderBy(d => d.Date).ToList();
    }

    /// <summary>The holidays and eves on <paramref name="date"/> (usually none or one).</summary>
    public static IEnumerable<Holiday> On(DateOnly date) => For(date.Year).Where(h => h.Date == date);

    public static bool IsPublicHoliday(DateOnly date) => On(date).Any(h => h.Kind == HolidayKind.PublicHoliday);

    /// <summary>Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstWeekday(DateOnly from, DayOfWeek weekday)
    {
        while (from.DayOfWeek != weekday)
        {
            from = from.AddDays(1);
        }
        return from;
    }
}
