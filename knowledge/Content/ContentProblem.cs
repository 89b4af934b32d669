namespace Knowledge.Content;

/// <summary>A mistake in a knowledge content file, with where it is.</summary>
public sealed record ContentProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
