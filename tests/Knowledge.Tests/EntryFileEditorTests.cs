using Knowledge.Content;

namespace Knowledge.Tests;

public class EntryFileEditorTests
{
    private const string File =
        "# Biblioteket – kommentar överst\n" +
        "topic: bibliotek\n" +
        "entries:\n" +
        "  - id: lib-card\n" +
        "    question: Hur får jag ett lånekort?\n" +
        "    alternatives:\n" +
        "      - Var skaffar jag lånekort?   # vanligast\n" +
        "      - lånekort bibliotek\n" +
        "    # fler frågor nedan\n" +
        "    answer:\n" +
        "      sv: Du får ett lånekort på biblioteket.\n" +
        "      en: You get a card at the library.\n" +
        "    source: https://goteborg.se/bibliotek\n" +
        "\n" +
        "  - id: lib-hours\n" +
        "    question: När har biblioteket öppet?\n" +
        "    alternatives: [Öppettider bibliotek]\n" +
        "    answer:\n" +
        "      sv: Se bibliotekets sida.\n" +
        "      en: See the library's page.\n" +
        "    source: https://goteborg.se/bibliotek\n";

    [Fact]
    public void AddAlternative_BlockList_AppendsOneLineAndKeepsTheRestByteForByte()
    {
        var edited = EntryFileEditor.AddAlternative(File, "lib-card", "Kan jag få lånekort utan legitimation?");

        Assert.NotNull(edited);
        var expected = File.Replace(
            "      - lånekort bibliotek\n",
            "      - lånekort bibliotek\n      - Kan jag få lånekort utan legitimation?\n", StringComparison.Ordinal);
        Assert.Equal(expected, edited);
    }

    [Fact]
    public void AddAlternative_FlowList_AddsToTheBrackets()
    {
        var edited = EntryFileEditor.AddAlternative(File, "lib-hours", "Är biblioteket öppet på söndag, då?");

        Assert.NotNull(edited);
        Assert.Contains("alternatives: [Öppettider bibliotek, \"Är biblioteket öppet på söndag, då?\"]", edited, StringComparison.Ordinal);
        Assert.Equal(File.Length + ", \"Är biblioteket öppet på söndag, då?\"".Length, edited!.Length);
    }

    [Theory]
    [InlineData("Vad gäller: öppettider?")]
    [InlineData("- lista?")]
    [InlineData("true")]
    [InlineData("Vad betyder \"lånekort\" # egentligen")]
    public void AddAlternative_TextThatNeedsQuoting_ReadsBackExactly(string question)
    {
        var content = ContentFolder.Create(new Dictionary<string, string> { ["entries/bibliotek.yaml"] = File });
        var path = Path.Combine(content, "entries", "bibliotek.yaml");

        System.IO.File.WriteAllText(path, EntryFileEditor.AddAlternative(File, "lib-card", question));

        var loaded = ContentLoader.Load(content);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        Assert.Equal(question, loaded.Knowledge!.Find("lib-card")!.Alternatives[^1]);
    }

    [Fact]
    public void AddAlternative_WindowsLineEndingsAndBom_AreKept()
    {
        var windows = "\uFEFF" + File.Replace("\n", "\r\n", StringComparison.Ordinal);

        var edited = EntryFileEditor.AddAlternative(windows, "lib-card", "Ny fråga?");

        Assert.NotNull(edited);
        Assert.StartsWith("\uFEFF", edited, StringComparison.Ordinal);
        Assert.Contains("      - lånekort bibliotek\r\n      - Ny fråga?\r\n    # fler", edited, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", edited!.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void AddAlternative_UnknownEntry_ReturnsNull()
    {
        Assert.Null(EntryFileEditor.AddAlternative(File, "no-such-entry", "Fråga?"));
    }
}
