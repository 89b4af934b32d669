namespace Knowledge.Facilities;

/// <summary>
/// How one kind of facility keeps its hours around holidays: closed on the listed days
/// (<c>all_holidays</c> = every public holiday), weekend hours on the other public holidays, and an
/// earlier closing time on a "dag före röd dag".
/// </summary>
public sealed record HolidayRule(
    IReadOnlySet<string> ClosedOn,
    bool WeekendHoursOnOtherHolidays,
    TimeOnly? DayBeforeHolidayCloses)
{
    public const string AllHolidays = "all_holidays";

    public static HolidayRule None { get; } = new(new HashSet<string>(), false, null);
}

/// <summary>A kind of facility (library, pool …): its holiday rule, the words residents use for it, and its source page.</summary>
public sealed record FacilityKind(string Id, LocalizedText Plural, IReadOnlyList<string> Words, HolidayRule Rule, string Source);
