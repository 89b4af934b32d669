using Knowledge.Calendar;

namespace Knowledge.Facilities;

/// <summary>Why a day's hours are what they are.</summary>
public enum OpeningBasis
{
    /// <summary>The regular weekly hours.</summary>
    Regular,
    /// <summary>Closed on this weekday by the regular hours.</summary>
    ClosedWeekday,
    /// <summary>Closed for a holiday or eve.</summary>
    Holiday,
    /// <summary>A public holiday with weekend hours.</summary>
    HolidayWeekendHours,
    /// <summary>A "dag före röd dag": closes earlier.</summary>
    DayBeforeHoliday,
    /// <summary>A date exception of this facility (inventory, event …).</summary>
    Exception,
    /// <summary>A temporary closure (renovation …).</summary>
    TemporaryClosure,
}

/// <summary>A facility's hours on one date (<see cref="Hours"/> null: closed), the holiday that day, and the reason.</summary>
public sealed record OpeningDay(DateOnly Date, TimeRange? Hours, OpeningBasis Basis, Holiday? Holiday, LocalizedText? Reason = null)
{
    public bool IsOpen => Hours is not null;
}
