using System.Globalization;
using Knowledge;

namespace Dialogs.Main;

/// <summary>How dates, times of day and durations are written in each language the bot answers in.</summary>
public static class LanguageFormats
{
    /// <summary>"torsdag den 3 december", "Thursday 3 December", "torstai 3. joulukuuta" …</summary>
    public static string WeekdayAndDate(DateTimeOffset day, Language language) =>
        language == Language.Somali
            ? WeekdayDayMonth(DateOnly.FromDateTime(day.DateTime), language)
            : day.ToString(language switch
            {
                Language.Swedish or Language.EasySwedish => "dddd 'den' d MMMM",
                Language.Finnish => "dddd d. MMMM",
                _ => "dddd d MMMM",
            }, language.Culture());

    /// <summary>"torsdag 24 december", "torstai 24. joulukuuta", "الخميس 24 ديسمبر", "Khamiis 24 Diseembar".</summary>
    public static string WeekdayDayMonth(DateOnly date, Language language) =>
        date.ToString("dddd", language.Culture()) + " " + DayMonth(date, language);

    /// <summary>"24 december", "24. joulukuuta", "24 Diseembar" (Somali: the month's own name, not the "twelfth month" form).</summary>
    public static string DayMonth(DateOnly date, Language language)
    {
        var culture = language.Culture();
        return language switch
        {
            Language.Finnish => date.ToString("d. MMMM", culture),
            Language.Somali => date.Day.ToString(CultureInfo.InvariantCulture) + " " + culture.DateTimeFormat.GetMonthName(date.Month),
            _ => date.ToString("d MMMM", culture),
        };
    }

    /// <summary>"24 december 2020", "24. joulukuuta 2020", "24 ديسمبر 2020".</summary>
    public static string Date(DateOnly date, Language language) =>
        DayMonth(date, language) + " " + date.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>"december 2020", "joulukuu 2020".</summary>
    public static string MonthYear(DateOnly date, Language language) =>
        language.Culture().DateTimeFormat.GetMonthName(date.Month) + " " + date.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>A time of day: "09.00" in Swedish and Finnish, "09:00" in the other languages.</summary>
    public static string Clock(TimeOnly time, Language language) =>
        time.ToString(language is Language.Swedish or Language.EasySwedish or Language.Finnish ? "HH.mm" : "HH:mm", CultureInfo.InvariantCulture);

    public static string Minutes(int minutes, Language language) => language switch
    {
        Language.English => minutes == 1 ? "1 minute" : $"{minutes} minutes",
        Language.Finnish => minutes == 1 ? "1 minuutti" : $"{minutes} minuuttia",
        Language.Arabic => minutes == 1 ? "دقيقة واحدة" : $"{minutes} دقيقة",
        Language.Persian => $"{minutes} دقیقه",
        Language.Somali => minutes == 1 ? "1 daqiiqo" : $"{minutes} daqiiqo",
        _ => minutes == 1 ? "1 minut" : $"{minutes} minuter",
    };
}
