using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>
/// Writes a text as a YAML scalar that reads back exactly: plain when that is safe, otherwise
/// double-quoted (always exact). Each choice is checked by parsing it back.
/// </summary>
public static class YamlText
{
    /// <summary>A scalar for a mapping value or a block list item (`key: X`, `- X`).</summary>
    public static string Scalar(string text) => ReadsBack(text, text, flow: false) ? text : Quoted(text);

    /// <summary>A scalar inside a flow list (`[a, X]`), where commas and brackets end plain text.</summary>
    public static string FlowScalar(string text) => ReadsBack(text, text, flow: true) ? text : Quoted(text);

    public static string Quoted(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                // YAML reads NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks (folded inside quotes): escape them too.
                _ when char.IsControl(c) || IsYamlBreak(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Characters YAML treats as a line break besides CR and LF.</summary>
    public static bool IsYamlBreak(char c) => c is '\u0085' or '\u2028' or '\u2029';

    private static bool ReadsBack(string text, string written, bool flow)
    {
        if (text.Length == 0 || text.Trim() != text || text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal) || text.Any(IsYamlBreak))
        {
            return false;
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(flow ? $"k: [{written}]" : $"k: {written}"));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var value = root.Children[new YamlScalarNode("k")];
            var scalar = flow
                ? value is YamlSequenceNode { Children: [YamlScalarNode single] } ? single : null
                : value as YamlScalarNode;
            // A plain `true`, `12` or `null` reads back as the same text but means something else.
            return scalar is { Style: YamlDotNet.Core.ScalarStyle.Plain } && scalar.Value == text && !LooksTyped(text);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return false;
        }
    }

    private static bool LooksTyped(string text) =>
        bool.TryParse(text, out _) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || text is "~" or "null" or "Null" or "NULL" or "yes" or "no" or "on" or "off" or "Yes" or "No"
        || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
