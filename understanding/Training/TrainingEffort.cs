namespace Understanding.Training;

/// <summary>
/// How hard the learners work: the boosted trees of the answer model and the router, and the passes
/// of the intent classifier. <see cref="Full"/> is what <c>knowledge train</c> and the bot use;
/// <see cref="Quick"/> trains a small corpus in a fraction of the time with the same code paths
/// (the tests' throw-away knowledge), at the cost of weaker models.
/// </summary>
public sealed record TrainingEffort(int AnswerTrees, int RouterIterations, int? IntentPasses)
{
    public static TrainingEffort Full { get; } = new(AnswerTrees: 400, RouterIterations: 200, IntentPasses: null);

    public static TrainingEffort Quick { get; } = new(AnswerTrees: 60, RouterIterations: 40, IntentPasses: 8);
}
