using System.Text.Json.Serialization;

namespace Bot.Commands;

/// <summary>One resident question of an eval set (shared/eval/README.md).</summary>
internal sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("lang")] string? Lang,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("expect")] IReadOnlyList<IReadOnlyList<string>>? Expect,
    [property: JsonPropertyName("topic")] string? Topic,
    [property: JsonPropertyName("now")] DateTimeOffset? Now);

/// <summary>What the bot did with one eval case, and whether that was right.</summary>
internal sealed record EvalOutcome(EvalCase Case, string Outcome, string? AnswerId, double Confidence, string Reply, bool Correct, bool ConfidentlyWrong);
