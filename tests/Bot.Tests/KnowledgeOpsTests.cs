using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;

namespace Bot.Tests;

/// <summary>A copy of the shipped knowledge/content in a temporary folder, for tests that change content.</summary>
internal sealed class ContentCopy : IDisposable
{
    public ContentCopy()
    {
        var shipped = Shipped();
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kb-copy-" + Guid.NewGuid().ToString("N"));

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public static string Shipped()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "knowledge", "content");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "entries")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("knowledge/content not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

public class KnowledgeOpsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string UnicornEntry =
        "topic: övrigt\n" +
        "entries:\n" +
        "  - id: test-unicorn-feeding\n" +
        "    question: Hur matar jag stadens enhörningar i Slottsskogen?\n" +
        "    alternatives:\n" +
        "      - enhörningar mat Slottsskogen\n" +
        "    answer:\n" +
        "      sv: Enhörningarna matas bara av parkens personal.\n" +
        "      en: Only the park staff feed the unicorns.\n" +
        "    source: https://goteborg.se/slottsskogen\n";

    [Fact]
    public async Task HotReload_GoodEditIsServedWithinSeconds_BadEditIsRejectedWithFileAndLine_AndTheLastGoodKnowledgeKeepsServing()
    {
        using var content = new ContentCopy();
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Knowledge:ContentDirectory"] = content.Path,
            ["Knowledge:ReloadSeconds"] = "1",
        });
        var guide = await GuideAsync(app);
        var before = await StatusAsync(guide);
        var chat = await app.StartChatAsync();

        await File.WriteAllTextAsync(content.File("entries/test-unicorns.yaml"), UnicornEntry, Cancel);
        var reloaded = await PollAsync(guide, s => s.GetProperty("entries").GetInt32() == before.GetProperty("entries").GetInt32() + 1);
        Assert.Empty(reloaded.GetProperty("problems").EnumerateArray());
        Assert.Equal(("answer", "test-unicorn-feeding"), await AskAsync(chat, "Hur matar jag stadens enhörningar i Slottsskogen?"));

        // An editor breaks the file: the answer is gone from line 7 on.
        await File.WriteAllTextAsync(content.File("entries/test-unicorns.yaml"), UnicornEntry.Replace("    answer:\n", "    answer: [\n", StringComparison.Ordinal), Cancel);
        var rejected = await PollAsync(guide, s => s.GetProperty("problems").GetArrayLength() > 0);
        var problem = rejected.GetProperty("problems")[0];
        Assert.Equal("entries/test-unicorns.yaml", problem.GetProperty("file").GetString());
        Assert.True(problem.GetProperty("line").GetInt32() >= 7, problem.ToString());
        Assert.Equal(reloaded.GetProperty("loadedAt").GetString(), rejected.GetProperty("loadedAt").GetString());
        Assert.Equal(("answer", "test-unicorn-feeding"), await AskAsync(chat, "Hur matar jag stadens enhörningar i Slottsskogen?"));
        Assert.Contains(app.LogLines, l => l.Contains("Knowledge change rejected", StringComparison.Ordinal));

        File.Delete(content.File("entries/test-unicorns.yaml"));
        var fixedState = await PollAsync(guide, s => s.GetProperty("problems").GetArrayLength() == 0);
        Assert.Equal(before.GetProperty("entries").GetInt32(), fixedState.GetProperty("entries").GetInt32());
    }

    [Fact]
    public async Task AddQuestion_IsAnsweredByThatEntryRightAway_AndOnlyTheListGrowsInTheFile()
    {
        using var content = new ContentCopy();
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Knowledge:ContentDirectory"] = content.Path,
            ["Knowledge:ReloadSeconds"] = "0",
        });
        var guide = await GuideAsync(app);
        var chat = await app.StartChatAsync();
        const string phrasing = "Vem fixar det vita på gatan utanför kåken när det har vräkt ner?";
        var file = content.File("entries/snorojning.yaml");
        var original = await File.ReadAllTextAsync(file, Cancel);
        Assert.NotEqual(("answer", "snow-who-responsible"), await AskAsync(chat, phrasing));

        var added = await guide.PostAsJsonAsync("/api/guide/knowledge/snow-who-responsible/questions", new { text = phrasing }, Cancel);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(("answer", "snow-who-responsible"), await AskAsync(chat, phrasing));
        var edited = await File.ReadAllTextAsync(file, Cancel);
        var marker = "      - Är det kommunen som ska ploga min gata?\n";
        Assert.Equal(original.Replace(marker, marker + "      - " + phrasing + "\n", StringComparison.Ordinal), edited);
        Assert.Contains(app.LogLines, l => l.Contains("Guide demo added the question", StringComparison.Ordinal) && l.Contains("snow-who-responsible", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddQuestion_BadRequests_AreRefusedAndChangeNothing()
    {
        using var content = new ContentCopy();
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Knowledge:ContentDirectory"] = content.Path,
            ["Knowledge:ReloadSeconds"] = "0",
        });
        var guide = await GuideAsync(app);
        var file = content.File("entries/snorojning.yaml");
        var original = await File.ReadAllBytesAsync(file, Cancel);
        var url = "/api/guide/knowledge/snow-who-responsible/questions";

        Assert.Equal(HttpStatusCode.NotFound, (await guide.PostAsJsonAsync("/api/guide/knowledge/no-such-entry/questions", new { text = "En helt ny fråga?" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.PostAsJsonAsync(url, new { text = "   " }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.PostAsJsonAsync(url, new { text = new string('a', 301) }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.PostAsJsonAsync(url, new { text = "vem PLOGAR vägen  " }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.PostAsJsonAsync(url, new { text = "Vem plogar hos 19121212-1212?" }, Cancel)).StatusCode);
        var elsewhere = await guide.PostAsJsonAsync(url, new { text = "Vilka gator och cykelbanor snöröjer kommunen?" }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("snow-city-streets", await elsewhere.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(url, new { text = "En helt ny fråga?" }, Cancel)).StatusCode);

        Assert.Equal(original, await File.ReadAllBytesAsync(file, Cancel));
    }

    [Fact]
    public async Task DraftEntry_FromACase_IsWrittenForReviewButNotLive()
    {
        using var content = new ContentCopy();
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Knowledge:ContentDirectory"] = content.Path,
            ["Knowledge:ReloadSeconds"] = "0",
        });
        var guide = await GuideAsync(app);
        var chat = await app.StartChatAsync();
        await chat.PostMessageAsync("Jag vill prata med en människa");
        var cases = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases", Cancel);
        var caseId = cases[0].GetProperty("id").GetString();

        var draft = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/draft-entry", new
        {
            question = "Får jag grilla på min balkong?",
            answer = "Det beror på din bostadsrättsförening.\nLäs mer: https://goteborg.se/grilla.",
            topic = "övrigt",
        }, Cancel);

        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var body = await draft.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(body.GetProperty("live").GetBoolean());
        var file = content.File(body.GetProperty("file").GetString()!);
        Assert.StartsWith("drafts/draft-", body.GetProperty("file").GetString(), StringComparison.Ordinal);
        var yaml = await File.ReadAllTextAsync(file, Cancel);
        Assert.Contains("NOT LIVE", yaml, StringComparison.Ordinal);
        Assert.Contains("source: https://goteborg.se/grilla\n", yaml, StringComparison.Ordinal);
        Assert.Contains(body.GetProperty("toDo").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains("alternatives", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await guide.PostAsJsonAsync("/api/guide/cases/C-1999-000001/draft-entry", new { question = "x?", answer = "y" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/draft-entry", new { question = "x?", answer = "Ditt nummer 19121212-1212" }, Cancel)).StatusCode);
    }

    internal static async Task<HttpClient> GuideAsync(BotApplication app)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, Cancel);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The bot's decision (outcome, answer id) for a question, from its BotDecision trace.</summary>
    internal static async Task<(string? Outcome, string? AnswerId)> AskAsync(ResidentChat chat, string question)
    {
        var (before, watermark) = await chat.GetActivitiesAsync();
        await chat.PostMessageAsync(question);
        var (activities, _) = await chat.GetActivitiesAsync(watermark);
        var trace = activities.Last(a => a.Type == ActivityTypes.Trace).Value!.Value;
        return (trace.GetProperty("outcome").GetString(), trace.TryGetProperty("answerId", out var id) ? id.GetString() : null);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient guide) =>
        await guide.GetFromJsonAsync<JsonElement>("/api/guide/knowledge/status", Cancel);

    /// <summary>Polls the knowledge status until the condition holds (hot reload checks every second).</summary>
    private static async Task<JsonElement> PollAsync(HttpClient guide, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var status = await StatusAsync(guide);
            if (condition(status))
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, "the knowledge status did not change in time: " + status);
            await Task.Delay(100, Cancel);
        }
    }
}
