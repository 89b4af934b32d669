namespace Knowledge.Content;

/// <summary>Word knowledge for Swedish analysis, authored in lexicon.yaml.</summary>
public sealed record Lexicon(
    IReadOnlyList<string> CompoundParts,
    IReadOnlyDictionary<string, string> LinkingForms,
    IReadOnlyDictionary<string, string> Stems,
    IReadOnlyList<string> GenericTerms,
    IReadOnlyList<string> OtherMunicipalities)
{
    public static Lexicon Empty { get; } = new([], new Dictionary<string, string>(), new Dictionary<string, string>(), [], []);
}
