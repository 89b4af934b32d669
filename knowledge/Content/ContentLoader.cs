using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>The outcome of reading the content folder: the knowledge base, or every problem found.</summary>
public sealed record ContentLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<ContentProblem> Problems)
{
    public bool IsValid => Knowledge is not null && Problems.Count == 0;
}

/// <summary>Reads and validates the knowledge content folder (see content/README.md).</summary>
public static partial class ContentLoader
{
    public const int MaxQuestionLength = 1000;
    public const int MaxAnswerLength = 25_000;

    public static ContentLoadResult Load(string contentDirectory)
    {
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(contentDirectory))
        {
            problems.Add(new ContentProblem(contentDirectory, 1, "the knowledge content folder does not exist"));
            return new ContentLoadResult(null, problems);
        }

        var topics = LoadTopics(contentDirectory, problems);
        var entries = new List<KnowledgeEntry>();
        var entriesDirectory = Path.Combine(contentDirectory, "entries");
        foreach (var file in EnumerateFiles(entriesDirectory, "*.yaml"))
        {
            entries.AddRange(EntryFileReader.Read(file, Display(contentDirectory, file), topics, problems));
        }
        if (entries.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ContentProblem("entries/", 1, "there are no entries"));
        }
        CheckIds(entries, problems);

        var synonyms = new List<SynonymGroup>();
        foreach (var file in EnumerateFiles(Path.Combine(contentDirectory, "synonyms"), "*.txt"))
        {
            synonyms.AddRange(SynonymFileReader.Read(file, Display(contentDirectory, file), problems));
        }
        CheckSynonymOverlap(synonyms, problems);

        var lexicon = LexiconReader.Read(Path.Combine(contentDirectory, "lexicon.yaml"), "lexicon.yaml", problems);

        var facilities = FacilityFileReader.Read(Path.Combine(contentDirectory, FacilityFileReader.FileName), FacilityFileReader.FileName, problems);

        var messages = MessageFileReader.Read(Path.Combine(contentDirectory, MessageFileReader.FileName), MessageFileReader.FileName, problems);

        var ordered = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        var knowledge = new KnowledgeBase(entries, topics, synonyms, lexicon, contentDirectory) { Facilities = facilities, Messages = messages };
        return new ContentLoadResult(ordered.Count == 0 ? knowledge : null, ordered);
    }

    /// <summary>Only the topics of a content folder (topics.yaml), e.g. for importing into a new folder.</summary>
    public static IReadOnlyList<Topic> ReadTopics(string contentDirectory, List<ContentProblem> problems) => LoadTopics(contentDirectory, problems);

    private static IEnumerable<string> EnumerateFiles(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal)
            : [];

    private static string Display(string root, string file) =>
        Path.GetRelativePath(root, file).Replace('\\', '/');

    private static List<Topic> LoadTopics(string contentDirectory, List<ContentProblem> problems)
    {
        var topics = new List<Topic>();
        var path = Path.Combine(contentDirectory, "topics.yaml");
        var yaml = new YamlFile("topics.yaml", problems);
        if (!File.Exists(path))
        {
            yaml.Problem(1, "topics.yaml is missing");
            return topics;
        }
        var root = yaml.LoadRoot(path);
        if (root is null)
        {
            return topics;
        }
        if (yaml.Field(root, "topics") is not YamlSequenceNode list)
        {
            yaml.Problem(YamlFile.Line(root), "`topics` must be a list");
            return topics;
        }
        foreach (var node in list)
        {
            if (node is not YamlMappingNode map)
            {
                yaml.Problem(YamlFile.Line(node), "each topic needs `name` and `group`");
                continue;
            }
            var name = yaml.Text(map, "name", required: true, "the topic");
            var group = yaml.Text(map, "group", required: true, "the topic");
            if (name is null || group is null)
            {
                continue;
            }
            if (topics.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                yaml.Problem(YamlFile.Line(map), $"the topic `{name}` is listed twice");
                continue;
            }
            topics.Add(new Topic(name, group));
        }
        return topics;
    }

    private static void CheckIds(List<KnowledgeEntry> entries, List<ContentProblem> problems)
    {
        var seen = new Dictionary<string, KnowledgeEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (seen.TryGetValue(entry.Id, out var first))
            {
                problems.Add(new ContentProblem(entry.Location.File, entry.Location.Line,
                    $"the id `{entry.Id}` is already used at {first.Location}"));
            }
            else
            {
                seen[entry.Id] = entry;
            }
        }
        foreach (var entry in entries)
        {
            foreach (var followup in entry.Followups)
            {
                if (!seen.ContainsKey(followup))
                {
                    problems.Add(new ContentProblem(entry.Location.File, entry.Location.Line,
                        $"`{entry.Id}` has a follow-up `{followup}` that does not exist"));
                }
                else if (followup == entry.Id)
                {
                    problems.Add(new ContentProblem(entry.Location.File, entry.Location.Line,
                        $"`{entry.Id}` lists itself as a follow-up"));
                }
            }
        }
    }

    private static void CheckSynonymOverlap(List<SynonymGroup> groups, List<ContentProblem> problems)
    {
        var owner = new Dictionary<string, SynonymGroup>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            foreach (var word in group.Words.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (owner.TryGetValue(word, out var first) && !ReferenceEquals(first, group))
                {
                    problems.Add(new ContentProblem(group.Location.File, group.Location.Line,
                        $"`{word}` is already in the synonym group at {first.Location} (a word may be in only one group)"));
                }
                else
                {
                    owner[word] = group;
                }
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex IdPattern();
}
