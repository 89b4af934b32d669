namespace Understanding.Decisions;

/// <summary>
/// The operating points of the decision, chosen on the validation part of the corpus by
/// <c>knowledge train</c> (see <see cref="Training.ThresholdSearch"/>) and stored with the models.
/// <see cref="DangerNote"/> is low enough that every person in danger of the validation part is
/// told 112 first (as a line before the normal reply); <see cref="Emergency"/> is where the whole
/// reply becomes the emergency reply.
/// </summary>
public sealed record Thresholds(
    float DangerNote,
    float Emergency,
    float IntentRoute,
    float Answer,
    float ClarifyFirst,
    float ClarifyOther)
{
    public static Thresholds Default { get; } = new(DangerNote: 0.2f, Emergency: 0.5f, IntentRoute: 0.5f, Answer: 0.5f, ClarifyFirst: 0.25f, ClarifyOther: 0.2f);
}
