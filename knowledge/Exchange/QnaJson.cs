using System.Text.Json;

namespace Knowledge.Exchange;

/// <summary>
/// Reads the JSON exports of Azure AI Language question answering (project export:
/// `{ "assets": { "qnas": [ { id, answer, source, questions, metadata: {k: v}, dialog: { isContextOnly,
/// prompts: [ { displayOrder, qnaId, displayText } ] } } ] } }`, or the `{ "value": [...] }` of the qnas
/// API) and of QnA Maker (`{ "qnaDocuments": [ { …, metadata: [ { name, value } ], context: { … } } ] }`).
/// </summary>
public static class QnaJson
{
    public static IReadOnlyList<QnaPair> Read(string text, string fileName, List<ExchangeNote> notes)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var list = root.ValueKind == JsonValueKind.Array ? root
            : Property(root, "assets") is { ValueKind: JsonValueKind.Object } assets && Property(assets, "qnas") is { ValueKind: JsonValueKind.Array } qnas ? qnas
            : Property(root, "qnas") ?? Property(root, "value") ?? Property(root, "qnaDocuments");
        if (list is not { ValueKind: JsonValueKind.Array } items)
        {
            notes.Add(new ExchangeNote(fileName, "no question-answer list found (expected assets.qnas, qnas, value or qnaDocuments)"));
            return [];
        }
        var pairs = new List<QnaPair>();
        var position = 0;
        foreach (var item in items.EnumerateArray())
        {
            position++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                notes.Add(new ExchangeNote($"{fileName}: item {position}", "not an object; skipped"));
                continue;
            }
            var id = Property(item, "id") is { ValueKind: JsonValueKind.Number } idNode && idNode.TryGetInt32(out var n) ? n : -position;
            var questions = Property(item, "questions") is { ValueKind: JsonValueKind.Array } q
                ? q.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!.Trim()).Where(x => x.Length > 0).ToList()
                : [];
            var dialog = Property(item, "dialog") ?? Property(item, "context");
            pairs.Add(new QnaPair(
                id,
                questions,
                Text(item, "answer"),
                Text(item, "source").Trim(),
                Metadata(Property(item, "metadata")),
                dialog is { ValueKind: JsonValueKind.Object } d && Property(d, "isContextOnly") is { ValueKind: JsonValueKind.True },
                dialog is { ValueKind: JsonValueKind.Object } withPrompts ? Prompts(Property(withPrompts, "prompts")) : []));
        }
        return pairs;
    }

    private static Dictionary<string, string> Metadata(JsonElement? node)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node is { ValueKind: JsonValueKind.Object } map)
        {
            foreach (var property in map.EnumerateObject())
            {
                metadata[property.Name] = property.Value.ToString();
            }
        }
        else if (node is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var pair in list.EnumerateArray())
            {
                var name = Text(pair, "name");
                if (name.Length > 0)
                {
                    metadata[name] = Text(pair, "value");
                }
            }
        }
        return metadata;
    }

    private static List<QnaPrompt> Prompts(JsonElement? node) =>
        node is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object)
                .Select(p => new QnaPrompt(
                    Property(p, "displayOrder") is { ValueKind: JsonValueKind.Number } order ? order.GetInt32() : 0,
                    Property(p, "qnaId") is { ValueKind: JsonValueKind.Number } target ? target.GetInt32() : 0,
                    Text(p, "displayText")))
                .ToList()
            : [];

    private static string Text(JsonElement item, string name) =>
        Property(item, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? "" : "";

    private static JsonElement? Property(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in item.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
