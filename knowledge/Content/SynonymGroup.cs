namespace Knowledge.Content;

/// <summary>
/// Words residents use for the same thing. Equivalent groups expand both ways; a one-way group
/// reads every word of <see cref="Words"/> as <see cref="Target"/>.
/// </summary>
public sealed record SynonymGroup(IReadOnlyList<string> Words, string? Target, SourceLocation Location)
{
    public bool IsOneWay => Target is not null;

    public IEnumerable<string> AllWords => Target is null ? Words : Words.Append(Target);
}
