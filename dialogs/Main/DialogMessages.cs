using Knowledge;

namespace Dialogs.Main;

/// <summary>Registers every fixed message of the dialogs with <see cref="MessageCatalog"/>, so that its translations apply.</summary>
public static class DialogMessages
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, LocalizedText> HolidayNames = new(StringComparer.Ordinal);

    private static readonly Lazy<bool> Registered = new(() =>
    {
        foreach (var type in typeof(DialogMessages).Assembly.GetTypes().Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Messages", StringComparison.Ordinal)))
        {
            MessageCatalog.Register(type);
        }
        // Holidays by their Swedish names ("Holiday.midsommarafton"); every name occurs in any year.
        foreach (var holiday in Knowledge.Calendar.SwedishHolidays.For(2026))
        {
            MessageCatalog.Register($"Holiday.{holiday.Name}", HolidayNames.GetOrAdd(holiday.Name, _ => new LocalizedText(holiday.Name, holiday.EnglishName)));
        }
        foreach (var category in FaultReports.FaultCategories.All)
        {
            MessageCatalog.Register($"FaultCategories.{category.Code}", category.Name);
        }
        return true;
    });

    public static void Register() => _ = Registered.Value;

    /// <summary>A holiday's name in <paramref name="language"/> ("midsommarafton" → "juhannusaatto").</summary>
    public static string HolidayName(Knowledge.Calendar.Holiday holiday, Language language)
    {
        Register();
        return HolidayNames.TryGetValue(holiday.Name, out var name) ? name.For(language) : language == Language.English ? holiday.EnglishName : holiday.Name;
    }
}
