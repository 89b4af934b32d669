namespace Knowledge.Search;

/// <summary>An entry that may answer the question, with how well it matches (both in [0,1]).</summary>
public sealed record Candidate(KnowledgeEntry Entry, double Score, double Match, string MatchedQuestion);
