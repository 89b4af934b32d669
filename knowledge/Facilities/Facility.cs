namespace Knowledge.Facilities;

/// <summary>A place residents visit or call (library, pool, recycling centre, the contact center), with its opening hours.</summary>
public sealed record Facility
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? Address { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required WeeklyHours Hours { get; init; }
    public LocalizedText? Notes { get; init; }
    public IReadOnlyList<DateException> Exceptions { get; init; } = [];
    public IReadOnlyList<TemporaryClosure> Closures { get; init; } = [];
    public required string Source { get; init; }
    public bool Sample { get; init; }

    /// <summary>
    /// The code of the language this service is given in ("fi": the contact center's Finnish-speaking
    /// guides), or null for a facility that serves everyone in Swedish and English.
    /// </summary>
    public string? Language { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary>The name and every alias.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Name);
}

/// <summary>Opening and closing time on one day (local time, Europe/Stockholm).</summary>
public sealed record TimeRange(TimeOnly Opens, TimeOnly Closes)
{
    public bool Contains(TimeOnly time) => time >= Opens && time < Closes;
}

/// <summary>The regular hours per weekday; a missing day is closed.</summary>
public sealed record WeeklyHours(IReadOnlyDictionary<DayOfWeek, TimeRange> Days)
{
    public TimeRange? On(DayOfWeek day) => Days.GetValueOrDefault(day);

    /// <summary>The hours of a weekend day (Saturday, else Sunday), used on holidays with weekend hours.</summary>
    public TimeRange? Weekend => On(DayOfWeek.Saturday) ?? On(DayOfWeek.Sunday);
}

/// <summary>A date with other hours than usual (<see cref="Hours"/> null: closed), and why.</summary>
public sealed record DateException(DateOnly Date, TimeRange? Hours, LocalizedText Reason);

/// <summary>Closed between two dates (either may be open: "until further notice"), and why.</summary>
public sealed record TemporaryClosure(DateOnly? From, DateOnly? To, LocalizedText Reason)
{
    public bool Covers(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);
}
