using Knowledge;
using Understanding.Text;

namespace Understanding.Tests;

/// <summary>The analysed words kept beside the models are read only by a bot whose content analyses texts alike.</summary>
public sealed class AnalyzedTermsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analysed-terms-").FullName;

    [Fact]
    public void SavedTerms_AreReadBackUnderTheSameAnalysis_AndAStaleFileIsIgnored()
    {
        var index = Shipped.Index;
        (string, Language)[] texts = [("Hur skaffar jag lånekort på biblioteket?", Language.Swedish), ("Miten saan kirjastokortin?", Language.Finnish)];
        AnalyzedTermsMemo.Save(_directory, index, texts);

        Assert.Equal(2, AnalyzedTermsMemo.Load(_directory, index));
        var read = AnalyzedTermsMemo.Of(index, texts);
        Assert.Equal(string.Join(' ', index.AnalyzedTerms(texts[1].Item1, Language.Finnish)), read[texts[1]]);

        // Saved under another analysis (e.g. content edited since `knowledge train`): not used.
        var path = Path.Combine(_directory, AnalyzedTermsMemo.FileName);
        var lines = ReadLines(path);
        lines[0] = new string('0', lines[0].Length);
        WriteLines(path, lines);
        Assert.Equal(0, AnalyzedTermsMemo.Load(_directory, index));

        File.WriteAllText(path, "not gzip");
        Assert.Equal(0, AnalyzedTermsMemo.Load(_directory, index));
    }

    private static List<string> ReadLines(string path)
    {
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }

    private static void WriteLines(string path, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest));
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
