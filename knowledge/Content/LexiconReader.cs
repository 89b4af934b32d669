using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>Reads lexicon.yaml (optional).</summary>
internal static class LexiconReader
{
    public static Lexicon Read(string path, string display, List<ContentProblem> problems)
    {
        if (!File.Exists(path))
        {
            return Lexicon.Empty;
        }
        var yaml = new YamlFile(display, problems);
        var root = yaml.LoadRoot(path);
        if (root is null)
        {
            return Lexicon.Empty;
        }
        return new Lexicon(
            Lower(yaml.TextList(root, "compound_parts", 0, "the lexicon")),
            Map(yaml, root, "linking_forms"),
            Map(yaml, root, "stems"),
            Lower(yaml.TextList(root, "generic_terms", 0, "the lexicon")),
            Lower(yaml.TextList(root, "other_municipalities", 0, "the lexicon")));
    }

    private static List<string> Lower(IReadOnlyList<string> words) => words.Select(w => w.ToLowerInvariant()).ToList();

    private static Dictionary<string, string> Map(YamlFile yaml, YamlMappingNode root, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = yaml.Field(root, name);
        if (node is null)
        {
            return result;
        }
        if (node is not YamlMappingNode map)
        {
            yaml.Problem(YamlFile.Line(node), $"`{name}` must be pairs `word: base`");
            return result;
        }
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode { Value: { } v } && k.Trim().Length > 0 && v.Trim().Length > 0)
            {
                if (!result.TryAdd(k.Trim().ToLowerInvariant(), v.Trim().ToLowerInvariant()))
                {
                    yaml.Problem(YamlFile.Line(key), $"`{k}` is listed twice in `{name}`");
                }
            }
            else
            {
                yaml.Problem(YamlFile.Line(key), $"`{name}` must be pairs `word: base`");
            }
        }
        return result;
    }
}
