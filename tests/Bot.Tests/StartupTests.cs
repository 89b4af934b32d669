namespace Bot.Tests;

public class StartupTests
{
    [Fact]
    public async Task InvalidKnowledgeContent_TheBotRefusesToStart()
    {
        var content = Path.Combine(Path.GetTempPath(), "bad-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(content, "entries"));
        await File.WriteAllTextAsync(Path.Combine(content, "topics.yaml"), "topics:\n  - name: bibliotek\n    group: Allmänna frågor\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(content, "entries", "bibliotek.yaml"), "topic: bibliotek\nentries:\n  - id: lib-x\n    question: Fråga?\n", TestContext.Current.CancellationToken);
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Knowledge:ContentDirectory"] = content });

        var error = Record.Exception(() => app.CreateClient());

        // Program prints the problems (file and line) and exits with 1 instead of building the host.
        var refused = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("entry point exited without ever building", refused.Message, StringComparison.Ordinal);
    }
}
