using System.Text;
using Knowledge.Content;

namespace Bot.KnowledgeOps;

/// <summary>The files of the content folder that the loader reads, and safe ways to change them.</summary>
internal static class ContentFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Changes whenever a content file is added, removed or written (name, size, time).</summary>
    public static string Fingerprint(string contentDirectory)
    {
        var builder = new StringBuilder();
        foreach (var file in Files(contentDirectory))
        {
            var info = new FileInfo(file);
            if (info.Exists)
            {
                builder.Append(file).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }
        return builder.ToString();
    }

    /// <summary>The text exactly as stored (a byte-order mark stays in the text as U+FEFF).</summary>
    public static string Read(string path) => Utf8.GetString(File.ReadAllBytes(path));

    /// <summary>Writes a temporary file beside the target and renames it over the target, so readers never see half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, Utf8.GetBytes(text));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Validates the content as it would be with <paramref name="relativePath"/> replaced by (or added
    /// as) <paramref name="text"/>, in a throw-away copy of the text files, without touching the content.
    /// </summary>
    public static IReadOnlyList<ContentProblem> CheckWith(string contentDirectory, string relativePath, string text)
    {
        var copy = Path.Combine(Path.GetTempPath(), "kb-check-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Files(contentDirectory))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(contentDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var edited = Path.Combine(copy, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(edited)!);
            File.WriteAllBytes(edited, Utf8.GetBytes(text));
            return ContentLoader.Load(copy).Problems;
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    private static IEnumerable<string> Files(string contentDirectory)
    {
        foreach (var name in new[] { "topics.yaml", "lexicon.yaml" })
        {
            var path = Path.Combine(contentDirectory, name);
            if (File.Exists(path))
            {
                yield return path;
            }
        }
        foreach (var (folder, pattern) in new[] { ("entries", "*.yaml"), ("synonyms", "*.txt") })
        {
            var path = Path.Combine(contentDirectory, folder);
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, pattern).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }
}
