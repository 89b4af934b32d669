using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Knowledge.Exchange;

/// <summary>
/// The QnA Maker TSV export: one row per question, tab-separated, columns Question, Answer, Source,
/// Metadata (`key:value|key:value`), SuggestedQuestions (JSON), IsContextOnly, Prompts (JSON
/// `[{"DisplayOrder","QnaId","DisplayText"}]`), QnaId, and in newer exports SourceDisplayName.
/// The rows of one pair (its alternative questions) share the QnaId.
/// </summary>
public static class QnaTsv
{
    public static readonly string[] Columns = ["Question", "Answer", "Source", "Metadata", "SuggestedQuestions", "IsContextOnly", "Prompts", "QnaId"];

    private static readonly JsonSerializerOptions PromptJson = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<QnaPair> Read(string text, string fileName, List<ExchangeNote> notes)
    {
        var pairs = new List<(int Id, List<string> Questions, string[] Row)>();
        var byId = new Dictionary<int, int>();
        var line = 0;
        var nextFreeId = 1_000_000;
        foreach (var (row, rowLine) in Rows(text))
        {
            line = rowLine;
            if (row.Length == 1 && row[0].Trim().Length == 0)
            {
                continue;
            }
            if (line == 1 && row[0].Trim().Equals("Question", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (row.Length is < 8 or > 9)
            {
                notes.Add(new ExchangeNote($"{fileName}:{line}", $"expected 8 or 9 tab-separated columns, found {row.Length}; row skipped"));
                continue;
            }
            var id = int.TryParse(row[7].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var qnaId) ? qnaId : nextFreeId++;
            if (byId.TryGetValue(id, out var index))
            {
                pairs[index].Questions.Add(row[0].Trim());
                continue;
            }
            byId[id] = pairs.Count;
            pairs.Add((id, [row[0].Trim()], row));
        }
        return pairs.Select(p => new QnaPair(
            p.Id,
            p.Questions.Where(q => q.Length > 0).ToList(),
            p.Row[1],
            p.Row[2].Trim(),
            ParseMetadata(p.Row[3]),
            bool.TryParse(p.Row[5].Trim(), out var contextOnly) && contextOnly,
            ParsePrompts(p.Row[6], $"{fileName}: pair {p.Id}", notes))).ToList();
    }

    public static string Write(IEnumerable<QnaPair> pairs)
    {
        var builder = new StringBuilder();
        builder.Append(string.Join('\t', Columns)).Append('\n');
        foreach (var pair in pairs)
        {
            var metadata = string.Join('|', pair.Metadata.Select(m => $"{m.Key}:{m.Value}"));
            var prompts = JsonSerializer.Serialize(pair.Prompts.Select(p => new { p.DisplayOrder, p.QnaId, p.DisplayText }));
            foreach (var question in pair.Questions)
            {
                builder.Append(string.Join('\t',
                    Field(question), Field(pair.Answer), Field(pair.Source), Field(metadata), "[]",
                    pair.IsContextOnly ? "True" : "False", Field(prompts), pair.Id.ToString(CultureInfo.InvariantCulture))).Append('\n');
            }
        }
        return builder.ToString();
    }

    /// <summary>Tabs, line breaks and leading quotes are written inside double quotes ("" for a quote).</summary>
    private static string Field(string value) =>
        value.IndexOfAny(['\t', '\n', '\r']) >= 0 || value.StartsWith('"')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    /// <summary>The rows with the line each starts on; a field in double quotes may span lines.</summary>
    private static IEnumerable<(string[] Row, int Line)> Rows(string text)
    {
        var line = 1;
        var i = 0;
        if (text.StartsWith('\uFEFF'))
        {
            i = 1;
        }
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var atFieldStart = true;
            while (i < text.Length)
            {
                var c = text[i];
                if (atFieldStart && c == '"')
                {
                    i++;
                    while (i < text.Length)
                    {
                        if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                        }
                        else if (text[i] == '"')
                        {
                            i++;
                            break;
                        }
                        else
                        {
                            if (text[i] == '\n')
                            {
                                line++;
                            }
                            field.Append(text[i++]);
                        }
                    }
                    atFieldStart = false;
                    continue;
                }
                i++;
                if (c == '\t')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                }
                else if (c == '\n')
                {
                    line++;
                    break;
                }
                else if (c != '\r')
                {
                    field.Append(c);
                    atFieldStart = false;
                }
            }
            fields.Add(field.ToString());
            yield return (fields.ToArray(), start);
        }
    }

    private static Dictionary<string, string> ParseMetadata(string text)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                metadata[part[..colon].Trim()] = part[(colon + 1)..].Trim();
            }
        }
        return metadata;
    }

    private static List<QnaPrompt> ParsePrompts(string text, string where, List<ExchangeNote> notes)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "[]")
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<QnaPrompt>>(text, PromptJson) ?? [];
        }
        catch (JsonException)
        {
            notes.Add(new ExchangeNote(where, "the Prompts column is not valid JSON; follow-ups skipped"));
            return [];
        }
    }
}
