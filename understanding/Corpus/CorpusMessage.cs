namespace Understanding.Corpus;

/// <summary>
/// One labelled resident message of the training corpus: what was written, in which language, what
/// it needs (<see cref="MessageIntent"/>) and, for questions, the entry that answers it.
/// </summary>
public sealed record CorpusMessage(
    string Text,
    string Lang,
    string Intent,
    string? Entry,
    IReadOnlyList<string> Also,
    IReadOnlyList<string> Tags,
    string Writer,
    string File,
    int Line)
{
    /// <summary>Pseudo-entry for "is X open on day Y": answered from the opening-hours data, not an entry.</summary>
    public const string FacilityHours = "facility-hours";

    public bool Has(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>The entries whose answer is a correct answer to the message.</summary>
    public IEnumerable<string> AcceptedEntries => Entry is null ? Also : Also.Prepend(Entry);
}
