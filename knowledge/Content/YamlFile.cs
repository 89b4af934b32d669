using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>
/// Reads one YAML content file into nodes and reports mistakes with the file and line,
/// so that editors can find them without a developer.
/// </summary>
internal sealed class YamlFile(string displayPath, List<ContentProblem> problems)
{
    public string DisplayPath { get; } = displayPath;

    public YamlMappingNode? LoadRoot(string fullPath)
    {
        try
        {
            using var reader = new StreamReader(fullPath);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0)
            {
                Problem(1, "the file is empty");
                return null;
            }
            if (stream.Documents[0].RootNode is YamlMappingNode root)
            {
                return root;
            }
            Problem(Line(stream.Documents[0].RootNode), "the file must start with named fields (for example `topic:` and `entries:`)");
        }
        catch (YamlException e)
        {
            Problem((int)e.Start.Line, $"not valid YAML: {Clean(e.Message)}");
        }
        return null;
    }

    public void Problem(int line, string message) => problems.Add(new ContentProblem(DisplayPath, Math.Max(1, line), message));

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public YamlNode? Field(YamlMappingNode map, string name) =>
        map.Children.TryGetValue(new YamlScalarNode(name), out var node) ? node : null;

    public string? Text(YamlMappingNode map, string name, bool required, string owner)
    {
        var node = Field(map, name);
        if (node is null)
        {
            if (required)
            {
                Problem(Line(map), $"{owner} is missing `{name}`");
            }
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Problem(Line(node), $"`{name}` must be a text");
            return null;
        }
        var value = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Problem(Line(node), $"`{name}` is empty");
            }
            return null;
        }
        return value;
    }

    public IReadOnlyList<string> TextList(YamlMappingNode map, string name, int minimum, string owner)
    {
        var node = Field(map, name);
        if (node is null)
        {
            if (minimum > 0)
            {
                Problem(Line(map), $"{owner} is missing `{name}`");
            }
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Problem(Line(node), $"`{name}` must be a list (lines starting with `- `)");
            return [];
        }
        var items = new List<string>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
            {
                items.Add(v.Trim());
            }
            else
            {
                Problem(Line(item), $"every item in `{name}` must be a non-empty text");
            }
        }
        if (items.Count < minimum)
        {
            Problem(Line(node), $"`{name}` needs at least {minimum} item(s)");
        }
        return items;
    }

    /// <summary>
    /// An optional list of mappings (`periods`, `exceptions`, `closures`): a problem when it is not a
    /// list, and <paramref name="itemProblem"/> for each item that is not a mapping.
    /// </summary>
    public IReadOnlyList<YamlMappingNode> MappingList(YamlMappingNode map, string name, string owner, string itemProblem)
    {
        var node = Field(map, name);
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Problem(Line(node), $"`{name}` of {owner} must be a list");
            return [];
        }
        var items = new List<YamlMappingNode>();
        foreach (var item in sequence)
        {
            if (item is YamlMappingNode mapping)
            {
                items.Add(mapping);
            }
            else
            {
                Problem(Line(item), itemProblem);
            }
        }
        return items;
    }

    public bool Flag(YamlMappingNode map, string name)
    {
        var node = Field(map, name);
        if (node is null)
        {
            return false;
        }
        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var flag))
        {
            return flag;
        }
        Problem(Line(node), $"`{name}` must be true or false");
        return false;
    }

    public DateOnly? Date(YamlMappingNode map, string name)
    {
        var node = Field(map, name);
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } v }
            && DateOnly.TryParseExact(v.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Problem(Line(node), $"`{name}` must be a date written YYYY-MM-DD");
        return null;
    }

    private static string Clean(string message) => message.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
