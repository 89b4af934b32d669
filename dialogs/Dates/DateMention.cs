namespace Dialogs.Dates;

/// <summary>
/// A date or time expression found in a message, resolved against "today": the days it covers
/// (<see cref="From"/>–<see cref="To"/>, both inclusive) and/or a time of day.
/// </summary>
public sealed record DateMention(int Index, int Length, string Text, DateOnly From, DateOnly To, TimeOnly? Time, bool HasDate)
{
    public bool IsSingleDay => From == To;

    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>What a message asks about in time: the first date mention and the first time of day, combined.</summary>
public sealed record AskedTime(DateOnly From, DateOnly To, TimeOnly? Time, bool HasDate)
{
    public bool IsSingleDay => From == To;

    public int Days => To.DayNumber - From.DayNumber + 1;
}
