using System.Globalization;
using Knowledge;

namespace Dialogs.Main;

/// <summary>How dates and durations are written in each language the bot answers in.</summary>
public static class LanguageFormats
{
    /// <summary>"torsdag den 3 december", "Thursday 3 December", "torstai 3. joulukuuta" …</summary>
    public static string WeekdayAndDate(DateTimeOffset day, Language language) =>
        day.ToString(language switch
        {
            Language.Swedish or Language.EasySwedish => "dddd 'den' d MMMM",
            Language.Finnish => "dddd d. MMMM",
            _ => "dddd d MMMM",
        }, language.Culture());

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
