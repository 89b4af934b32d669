using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Commands;

/// <summary>
/// One resident message of an eval set: the shared format (shared/eval/README.md: a kind and the
/// facts a good reply contains) or a line of our labelled corpus (knowledge/training: an intent
/// and the entries that answer it), read as the kind it corresponds to.
/// </summary>
internal sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("lang")] string? Lang,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("expect")] IReadOnlyList<IReadOnlyList<string>>? Expect,
    [property: JsonPropertyName("topic")] string? Topic,
    [property: JsonPropertyName("now")] DateTimeOffset? Now)
{
    /// <summary>For corpus lines: the entries whose answer is right (<c>facility-hours</c>: any opening-hours answer).</summary>
    public IReadOnlyList<string>? Entries { get; init; }

    public const string FacilityHours = "facility-hours";

    /// <summary>Reads one line of either format.</summary>
    public static EvalCase Parse(string line, int number)
    {
        var root = JsonDocument.Parse(line).RootElement;
        if (!root.TryGetProperty("intent", out var intent))
        {
            return root.Deserialize<EvalCase>()!;
        }
        var entries = new List<string>();
        if (root.TryGetProperty("entry", out var entry) && entry.ValueKind == JsonValueKind.String)
        {
            entries.Add(entry.GetString()!);
        }
        if (root.TryGetProperty("also", out var also) && also.ValueKind == JsonValueKind.Array)
        {
            entries.AddRange(also.EnumerateArray().Select(a => a.GetString()!));
        }
        var kind = intent.GetString() switch
        {
            "question" => "answer",
            "emergency" or "selfharm" => "emergency",
            "human" or "owncase" => "handoff",
            "outofscope" => "decline",
            "fault" => "faultreport",
            "smalltalk" => "smalltalk",
            var other => other ?? "unknown",
        };
        return new EvalCase($"line-{number}", root.GetProperty("lang").GetString(), root.GetProperty("text").GetString()!, kind, null, null, null)
        {
            Entries = entries,
        };
    }
}

/// <summary>What the bot did with one eval case, and whether that was right.</summary>
internal sealed record EvalOutcome(EvalCase Case, string Outcome, string? AnswerId, double Confidence, string Reply, bool Correct, bool ConfidentlyWrong)
{
    /// <summary>A clarification whose first option would have been right.</summary>
    public bool FirstOptionRight { get; init; }
}
