using Knowledge;

namespace Dialogs.Main;

/// <summary>Registers every fixed message of the dialogs with <see cref="MessageCatalog"/>, so that its translations apply.</summary>
public static class DialogMessages
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        MessageCatalog.RegisterMessageClasses(typeof(DialogMessages).Assembly);
        Knowledge.Calendar.HolidayNames.Register();
        foreach (var category in FaultReports.FaultCategories.All)
        {
            MessageCatalog.Register($"FaultCategories.{category.Code}", category.Name);
        }
        return true;
    });

    public static void Register() => _ = Registered.Value;
}
