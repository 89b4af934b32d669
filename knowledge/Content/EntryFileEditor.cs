using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>
/// Edits an entries/*.yaml file as text, so that everything else in it (comments, order, quoting,
/// line endings) stays byte for byte as the editor wrote it.
/// </summary>
public static class EntryFileEditor
{
    /// <summary>
    /// The file with <paramref name="question"/> appended to the `alternatives` list of the entry
    /// <paramref name="entryId"/>; null when the file has no such entry with an alternatives list.
    /// </summary>
    public static string? AddAlternative(string fileText, string entryId, string question)
    {
        var bom = fileText.StartsWith('\uFEFF') ? "\uFEFF" : "";
        var body = fileText[bom.Length..];
        if (Alternatives(body, entryId) is not { } list)
        {
            return null;
        }
        var edited = list.Style == SequenceStyle.Flow
            ? InsertIntoFlowList(body, list, question)
            : InsertIntoBlockList(body, list, question);
        return edited is not null && Alternatives(edited, entryId) is { } after && after.Children.Count == list.Children.Count + 1
            && after.Children[^1] is YamlScalarNode { Value: { } added } && added == question
            ? bom + edited
            : null;
    }

    /// <summary>
    /// The file with <paramref name="code"/> added to the `reviewed` list of the entry <paramref name="entryId"/>
    /// (a new `reviewed: [code]` line before its `source:` when it has none); the file unchanged when the
    /// code is already there; null when the file has no such entry.
    /// </summary>
    public static string? MarkReviewed(string fileText, string entryId, string code)
    {
        var bom = fileText.StartsWith('\uFEFF') ? "\uFEFF" : "";
        var body = fileText[bom.Length..];
        if (Entry(body, entryId) is not { } entry)
        {
            return null;
        }
        string? edited;
        if (entry.Children.TryGetValue(new YamlScalarNode("reviewed"), out var node))
        {
            if (node is not YamlSequenceNode list)
            {
                return null;
            }
            if (list.Children.OfType<YamlScalarNode>().Any(c => c.Value == code))
            {
                return fileText;
            }
            edited = list.Style == SequenceStyle.Flow || list.Children.Count == 0 ? InsertIntoFlowList(body, list, code) : InsertIntoBlockList(body, list, code);
        }
        else
        {
            var key = entry.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == "source");
            if (key is null)
            {
                return null;
            }
            var lineStart = body.LastIndexOf('\n', Math.Max(0, (int)key.Start.Index - 1)) + 1;
            var indent = body[lineStart..(int)key.Start.Index];
            if (indent.Trim().Length > 0)
            {
                return null;
            }
            var newline = body.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            edited = body.Insert(lineStart, $"{indent}reviewed: [{code}]{newline}");
        }
        return edited is not null && Entry(edited, entryId) is { } after
            && after.Children.TryGetValue(new YamlScalarNode("reviewed"), out var done) && done is YamlSequenceNode doneList
            && doneList.Children.OfType<YamlScalarNode>().Any(c => c.Value == code)
            ? bom + edited
            : null;
    }

    private static YamlSequenceNode? Alternatives(string text, string entryId) =>
        Entry(text, entryId) is { } map && map.Children.TryGetValue(new YamlScalarNode("alternatives"), out var alternatives) ? alternatives as YamlSequenceNode : null;

    private static YamlMappingNode? Entry(string text, string entryId)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("entries"), out var entries) || entries is not YamlSequenceNode list)
        {
            return null;
        }
        foreach (var node in list)
        {
            if (node is YamlMappingNode map
                && map.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { } value }
                && value.Trim() == entryId)
            {
                return map;
            }
        }
        return null;
    }

    private static string? InsertIntoFlowList(string text, YamlSequenceNode list, string question)
    {
        // After the last item (or the opening bracket) only blanks and a comma may come before `]`.
        var from = list.Children.Count > 0 ? (int)list.Children[^1].End.Index : text.IndexOf('[', (int)list.Start.Index) + 1;
        var close = text.IndexOf(']', Math.Max(0, from));
        if (from <= 0 || close < 0 || text[from..close].Any(c => !char.IsWhiteSpace(c) && c != ','))
        {
            return null;
        }
        if (text[from..close].Contains(','))
        {
            close = from;
        }
        var separator = list.Children.Count > 0 ? ", " : "";
        return text.Insert(close, separator + YamlText.FlowScalar(question));
    }

    private static string? InsertIntoBlockList(string text, YamlSequenceNode list, string question)
    {
        var last = list.Children[^1];
        var lineStart = text.LastIndexOf('\n', Math.Max(0, (int)last.Start.Index - 1)) + 1;
        var prefix = text[lineStart..(int)last.Start.Index];
        if (prefix.Trim() != "-")
        {
            return null;
        }
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lineEnd = text.IndexOf('\n', Math.Max(0, (int)last.End.Index - 1));
        var line = prefix + YamlText.Scalar(question);
        return lineEnd < 0
            ? text + newline + line
            : text.Insert(lineEnd + 1, line + newline);
    }
}
