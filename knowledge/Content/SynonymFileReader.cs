namespace Knowledge.Content;

/// <summary>Reads synonyms/*.txt: one group per line, `a, b, c` or `a, b => c`, `#` comments.</summary>
internal static class SynonymFileReader
{
    public static IEnumerable<SynonymGroup> Read(string path, string display, List<ContentProblem> problems)
    {
        var groups = new List<SynonymGroup>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var location = new SourceLocation(display, lineNumber);
            var arrow = line.Split("=>");
            if (arrow.Length > 2)
            {
                problems.Add(new ContentProblem(display, lineNumber, "a synonym line may have only one `=>`"));
                continue;
            }
            var words = Words(arrow[0]);
            string? target = null;
            if (arrow.Length == 2)
            {
                var targets = Words(arrow[1]);
                if (targets.Count != 1)
                {
                    problems.Add(new ContentProblem(display, lineNumber, "after `=>` write exactly one word or phrase"));
                    continue;
                }
                target = targets[0];
            }
            if (words.Count == 0 || (target is null && words.Count < 2))
            {
                problems.Add(new ContentProblem(display, lineNumber, "a synonym group needs at least two words"));
                continue;
            }
            var bad = words.Append(target ?? "").FirstOrDefault(w => w.Any(c => !(char.IsLetterOrDigit(c) || c is ' ' or '-')));
            if (bad is not null)
            {
                problems.Add(new ContentProblem(display, lineNumber, $"`{bad}` has characters other than letters, digits, spaces and dashes"));
                continue;
            }
            if (words.Distinct(StringComparer.OrdinalIgnoreCase).Count() != words.Count)
            {
                problems.Add(new ContentProblem(display, lineNumber, "a word is listed twice in the same group"));
                continue;
            }
            groups.Add(new SynonymGroup(words, target, location));
        }
        return groups;
    }

    private static List<string> Words(string part) =>
        part.Split(',').Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).ToList();
}
