namespace Knowledge.Search;

/// <summary>
/// The candidates for a question, best first, and the calibrated confidence that the first one
/// answers it.
/// </summary>
public sealed record SearchResult(IReadOnlyList<Candidate> Candidates, double Confidence, SearchFeatures Features)
{
    public static SearchResult Empty { get; } = new([], 0, SearchFeatures.None);

    public Candidate? Top => Candidates.Count > 0 ? Candidates[0] : null;
}

/// <summary>The signals the confidence is computed from (logged in traces and the eval report).</summary>
public sealed record SearchFeatures(
    double Coverage,
    double ReverseCoverage,
    double Margin,
    double OutOfVocabulary,
    bool TopicTermMatched,
    bool ExactMatch,
    string? OtherMunicipality = null)
{
    public static SearchFeatures None { get; } = new(0, 0, 0, 1, false, false);
}
