using Knowledge.Content;

namespace Bot.Hosting;

/// <summary>The knowledge content has mistakes; the bot does not start on it.</summary>
internal sealed class ContentInvalidException(IReadOnlyList<ContentProblem> problems)
    : Exception($"The knowledge content has {problems.Count} problem(s).")
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}
