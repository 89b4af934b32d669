using Knowledge.Content;

namespace Bot.KnowledgeOps;

/// <summary>
/// What the running bot answers from: when the serving knowledge was loaded, how many entries it has,
/// and the problems of the last rejected edit (empty when the last reload succeeded).
/// </summary>
internal sealed record KnowledgeState(DateTimeOffset LoadedAt, int Entries, IReadOnlyList<ContentProblem> Problems, DateTimeOffset? RejectedAt);
