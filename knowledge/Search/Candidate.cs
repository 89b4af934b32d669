namespace Knowledge.Search;

/// <summary>An entry that may answer the question, with how well it matches (both in [0,1]).</summary>
/// <remarks><see cref="Coverage"/> and <see cref="ReverseCoverage"/> are the retrieval signals behind <see cref="Match"/> (0 when the source has none).</remarks>
public sealed record Candidate(KnowledgeEntry Entry, double Score, double Match, string MatchedQuestion, double Coverage = 0, double ReverseCoverage = 0);
