using System.Text.Json;
using Knowledge;
using Knowledge.Content;

namespace Understanding.Corpus;

/// <summary>
/// Reads the labelled corpus (knowledge/training/train/*.jsonl and validation/*.jsonl) and checks
/// every line against the knowledge base, reporting problems with file and line as the content does.
/// </summary>
public static class CorpusReader
{
    public const string TrainFolder = "train";
    public const string ValidationFolder = "validation";
    private const int MaxText = 1000;
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal) { "text", "lang", "intent", "entry", "also", "tags", "writer" };

    /// <summary>The messages of one part (<see cref="TrainFolder"/> or <see cref="ValidationFolder"/>).</summary>
    public static IReadOnlyList<CorpusMessage> ReadPart(string trainingDirectory, string part, KnowledgeBase? knowledge, List<ContentProblem> problems)
    {
        var folder = Path.Combine(trainingDirectory, part);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var messages = new List<CorpusMessage>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var display = Path.Combine(part, Path.GetFileName(path));
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                if (Parse(line, display, number, knowledge, problems) is { } message)
                {
                    messages.Add(message);
                }
            }
        }
        return messages;
    }

    /// <summary>
    /// Validation lines whose text (case and spacing aside) is also a training line:
    /// a figure measured on them would measure memory, not understanding.
    /// </summary>
    public static void CheckOverlap(IReadOnlyList<CorpusMessage> training, IReadOnlyList<CorpusMessage> validation, List<ContentProblem> problems)
    {
        var trained = training.Select(m => Normalized(m.Text)).ToHashSet(StringComparer.Ordinal);
        foreach (var message in validation.Where(m => trained.Contains(Normalized(m.Text))))
        {
            problems.Add(new ContentProblem(message.File, message.Line, "the same text is in the training part; a validation line must be new"));
        }
    }

    private static string Normalized(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Changes whenever a line of the corpus changes (SHA-256 of the training and validation files, in name order).</summary>
    public static string Fingerprint(string trainingDirectory)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var part in new[] { TrainFolder, ValidationFolder })
        {
            var folder = Path.Combine(trainingDirectory, part);
            if (!Directory.Exists(folder))
            {
                continue;
            }
            foreach (var path in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(part + "/" + Path.GetFileName(path) + "\n"));
                hash.AppendData(File.ReadAllBytes(path));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static CorpusMessage? Parse(string line, string file, int number, KnowledgeBase? knowledge, List<ContentProblem> problems)
    {
        void Problem(string message) => problems.Add(new ContentProblem(file, number, message));
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException e)
        {
            Problem($"not a JSON object: {e.Message}");
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            Problem("each line must be a JSON object");
            return null;
        }
        foreach (var property in root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)))
        {
            Problem($"unknown field `{property.Name}`");
        }
        var text = String(root, "text");
        var lang = String(root, "lang");
        var intent = String(root, "intent");
        var entry = String(root, "entry");
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            Problem($"`text` is required and at most {MaxText} characters");
            return null;
        }
        if (lang is null || !LanguageCodes.IsKnown(lang))
        {
            Problem($"`lang` must be one of {string.Join(", ", LanguageCodes.All)}");
            return null;
        }
        if (intent is null || !MessageIntent.All.Contains(intent))
        {
            Problem($"`intent` must be one of {string.Join(", ", MessageIntent.All)}");
            return null;
        }
        if (intent == MessageIntent.Question && entry is null)
        {
            Problem("a `question` needs the `entry` that answers it");
            return null;
        }
        if (entry is not null && intent is not (MessageIntent.Question or MessageIntent.OwnCase))
        {
            Problem("only a `question` or `owncase` names an `entry`");
        }
        var also = Strings(root, "also");
        foreach (var id in also.Prepend(entry).OfType<string>())
        {
            if (knowledge is not null && id != CorpusMessage.FacilityHours && knowledge.Find(id) is null)
            {
                Problem($"the entry `{id}` does not exist");
            }
        }
        return new CorpusMessage(text, lang, intent, entry, also, Strings(root, "tags"), String(root, "writer") ?? "", file, number);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
