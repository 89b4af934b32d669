using Knowledge;

namespace Dialogs.OpeningHours;

/// <summary>Resident-facing texts of opening-hours answers (klarspråk).</summary>
public static class OpeningHoursMessages
{
    public static readonly LocalizedText Today = new("Idag", "Today");
    public static readonly LocalizedText Tomorrow = new("Imorgon", "Tomorrow");
    public static readonly LocalizedText Yesterday = new("Igår", "Yesterday");
    public static readonly LocalizedText Closed = new("stängt", "closed");
    public static readonly LocalizedText PublicHoliday = new("röd dag", "public holiday");
    public static readonly LocalizedText Eve = new("helgafton", "holiday eve");
    public static readonly LocalizedText HolidayHours = new("helgdagstider", "holiday hours");
    public static readonly LocalizedText DayBeforeHoliday = new("dag före röd dag: stänger tidigare", "day before a public holiday: closes early");
    public static readonly LocalizedText ClosedUntilFurtherNotice = new("Stängt tills vidare: {0}.", "Closed until further notice: {0}.");
    public static readonly LocalizedText ClosedUntil = new("Stängt till och med {1}: {0}.", "Closed until {1}: {0}.");
    public static readonly LocalizedText OpenNow = new("Just nu: öppet, stänger {0}.", "Right now: open, closes at {0}.");
    public static readonly LocalizedText OpensLater = new("Just nu: stängt, öppnar {0}.", "Right now: closed, opens at {0}.");
    public static readonly LocalizedText ClosedNow = new("Just nu: stängt.", "Right now: closed.");
    public static readonly LocalizedText OpenAt = new("Klockan {0}: öppet.", "At {0}: open.");
    public static readonly LocalizedText ClosedAt = new("Klockan {0}: stängt.", "At {0}: closed.");
    public static readonly LocalizedText RegularHours = new("Vanliga öppettider: {0}.", "Regular hours: {0}.");
    public static readonly LocalizedText Deviations = new("Avvikande öppettider de närmaste två veckorna:", "Different hours in the next two weeks:");
    public static readonly LocalizedText Sample = new("Obs: öppettiderna är exempelvärden.", "Note: the opening hours are sample values.");
    public static readonly LocalizedText WhichOne = new("Vilken menar du?", "Which one do you mean?");
    public static readonly LocalizedText ClosedAllWeek = new("stängt alla dagar", "closed every day");

    public static readonly LocalizedText[] DayNames =
    [
        new("sön", "Sun"), new("mån", "Mon"), new("tis", "Tue"), new("ons", "Wed"), new("tor", "Thu"), new("fre", "Fri"), new("lör", "Sat"),
    ];
}
