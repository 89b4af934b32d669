using System.Globalization;
using System.Text;
using Knowledge.Content;

namespace Knowledge.Exchange;

/// <summary>Writes entries in the authoring format of content/README.md (one file per topic).</summary>
public static class EntryYamlWriter
{
    public static string Write(string topic, IEnumerable<KnowledgeEntry> entries, string? headerComment = null)
    {
        var yaml = new StringBuilder();
        foreach (var line in (headerComment ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            yaml.Append("# ").Append(line.TrimEnd()).Append('\n');
        }
        yaml.Append("topic: ").Append(YamlText.Scalar(topic)).Append('\n');
        yaml.Append("entries:\n");
        var first = true;
        foreach (var entry in entries)
        {
            if (!first)
            {
                yaml.Append('\n');
            }
            first = false;
            WriteEntry(yaml, entry, topic);
        }
        return yaml.ToString();
    }

    private static void WriteEntry(StringBuilder yaml, KnowledgeEntry entry, string fileTopic)
    {
        yaml.Append("  - id: ").Append(YamlText.Scalar(entry.Id)).Append('\n');
        if (!string.Equals(entry.Topic, fileTopic, StringComparison.Ordinal))
        {
            yaml.Append("    topic: ").Append(YamlText.Scalar(entry.Topic)).Append('\n');
        }
        yaml.Append("    question: ").Append(Text(entry.Question, "      ")).Append('\n');
        List(yaml, "alternatives", entry.Alternatives, always: true);
        List(yaml, "questions_en", entry.QuestionsEn, always: false);
        yaml.Append("    answer:\n");
        yaml.Append("      sv: ").Append(Text(entry.Answer.Sv, "        ")).Append('\n');
        yaml.Append("      en: ").Append(Text(entry.Answer.En, "        ")).Append('\n');
        yaml.Append("    source: ").Append(Text(entry.Source, "      ")).Append('\n');
        List(yaml, "followups", entry.Followups, always: false);
        Flag(yaml, "offer_guide", entry.OfferGuide);
        Flag(yaml, "handoff", entry.Handoff);
        Flag(yaml, "sample", entry.Sample);
        Flag(yaml, "context_only", entry.ContextOnly);
        if (entry.Valid is { } valid)
        {
            yaml.Append("    valid:\n");
            if (valid.From is { } from)
            {
                yaml.Append("      from: ").Append(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
            }
            if (valid.To is { } to)
            {
                yaml.Append("      to: ").Append(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
    }

    private static void List(StringBuilder yaml, string name, IReadOnlyList<string> items, bool always)
    {
        if (items.Count == 0)
        {
            if (always)
            {
                yaml.Append("    ").Append(name).Append(": []\n");
            }
            return;
        }
        yaml.Append("    ").Append(name).Append(":\n");
        foreach (var item in items)
        {
            yaml.Append("      - ").Append(Text(item, "        ")).Append('\n');
        }
    }

    private static void Flag(StringBuilder yaml, string name, bool value)
    {
        if (value)
        {
            yaml.Append("    ").Append(name).Append(": true\n");
        }
    }

    /// <summary>One-line texts as scalars; texts with line breaks as a literal block (`|-`) when that reads back exactly.</summary>
    private static string Text(string text, string indent)
    {
        if (text.Length == 0)
        {
            return "\"\"";
        }
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return YamlText.Scalar(text);
        }
        var lines = text.Split('\n');
        var literal = !text.Contains('\r', StringComparison.Ordinal) && !text.Any(YamlText.IsYamlBreak) && !text.EndsWith('\n') && !char.IsWhiteSpace(text[0])
            && lines.All(l => !l.Contains('\t', StringComparison.Ordinal) && (l.Length == 0 || !l.EndsWith(' ')));
        return literal
            ? "|-\n" + string.Join('\n', lines.Select(l => l.Length == 0 ? "" : indent + l))
            : YamlText.Quoted(text);
    }
}
