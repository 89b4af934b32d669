namespace Knowledge.Exchange;

/// <summary>
/// One question-answer pair as QnA Maker and Azure AI Language question answering store it:
/// several questions, one answer, metadata as key/value pairs, follow-up prompts.
/// </summary>
public sealed record QnaPair(
    int Id,
    IReadOnlyList<string> Questions,
    string Answer,
    string Source,
    IReadOnlyDictionary<string, string> Metadata,
    bool IsContextOnly,
    IReadOnlyList<QnaPrompt> Prompts)
{
    public string? Meta(string key) => Metadata.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}

/// <summary>A follow-up prompt: a button that leads to another pair.</summary>
public sealed record QnaPrompt(int DisplayOrder, int QnaId, string DisplayText);

/// <summary>What a converter could not carry over, or had to guess, with where it came from.</summary>
public sealed record ExchangeNote(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}
