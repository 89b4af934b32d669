namespace Knowledge.Tests;

/// <summary>Finds the repository's knowledge/content, and makes throw-away content folders.</summary>
internal static class ContentFolder
{
    public static string Shipped()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "knowledge", "content");
            if (Directory.Exists(Path.Combine(candidate, "entries")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("knowledge/content not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A temporary content folder with the given files (relative path → text) and topics.yaml.</summary>
    public static string Create(IDictionary<string, string> files)
    {
        var root = Path.Combine(Path.GetTempPath(), "kb-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "entries"));
        if (!files.ContainsKey("topics.yaml"))
        {
            File.WriteAllText(Path.Combine(root, "topics.yaml"), "topics:\n  - name: bibliotek\n    group: Allmänna frågor\n  - name: parkering\n    group: Parkering\n");
        }
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return root;
    }
}
