using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>Statistics and the learning inbox over HTTP, after real Direct Line conversations.</summary>
public class StatisticsApiTests
{
    private const string OddQuestion = "Hur många invånare har månen? Svara till anna.svensson@example.com";

    [Fact]
    public async Task Stats_CountTheConversationsTurnsAndVerdicts_AndTheInboxShowsMaskedQuestions()
    {
        await using var app = new BotApplication();
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        await resident.PostMessageAsync("Ja, tack");
        await resident.PostMessageAsync(OddQuestion);
        var (activities, _) = await resident.GetActivitiesAsync();
        var oddOutcome = activities.Last(a => a.Type == ActivityTypes.Trace).Value!.Value.GetProperty("outcome").GetString();
        var guide = await GuideClient.SignInAsync(app);

        var stats = await guide.GetFromJsonAsync<JsonElement>("/api/stats", TestContext.Current.CancellationToken);
        var inbox = await guide.GetFromJsonAsync<JsonElement>("/api/guide/unanswered", TestContext.Current.CancellationToken);

        Assert.Contains(oddOutcome, new[] { "fallback", "clarify" });
        Assert.Equal(1, stats.GetProperty("conversations").GetInt32());
        Assert.Equal(2, stats.GetProperty("questions").GetInt32());
        Assert.Equal(1, stats.GetProperty("answered").GetInt32());
        Assert.Equal(1, stats.GetProperty(oddOutcome == "fallback" ? "declined" : "clarified").GetInt32());
        Assert.Equal(1, stats.GetProperty("ratings").GetProperty("helpful").GetInt32());
        Assert.Equal(1, stats.GetProperty("byChannel").GetProperty("directline").GetProperty("conversations").GetInt32());
        Assert.Equal(1, stats.GetProperty("byLanguage").GetProperty("sv").GetProperty("conversations").GetInt32());
        foreach (var field in new[] { "handedOff", "abandoned", "containmentRate", "pickupWaitMedianSeconds", "pickupWaitP90Seconds", "topics", "byDay" })
        {
            Assert.True(stats.TryGetProperty(field, out _), field);
        }
        var group = Assert.Single(inbox.EnumerateArray());
        Assert.Equal("Hur många invånare har månen? Svara till [e-post]", group.GetProperty("example").GetString());
        Assert.Equal(1, group.GetProperty("count").GetInt32());
        Assert.True(group.TryGetProperty("lastSeen", out _));
        Assert.Single(group.GetProperty("samples").EnumerateArray());
        Assert.DoesNotContain(app.LogLines, l => l.Contains("anna.svensson", StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines, l => l.Contains("månen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stats_AsCsv_AndBadPeriods_AndNoAccessWithoutSigningIn()
    {
        await using var app = new BotApplication();
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        var guide = await GuideClient.SignInAsync(app);
        var anonymous = app.CreateClient();

        var csv = await guide.GetAsync("/api/stats?format=csv", TestContext.Current.CancellationToken);
        var csvText = await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var backwards = await guide.GetAsync("/api/stats?from=2026-02-01&to=2026-01-01", TestContext.Current.CancellationToken);
        var garbage = await guide.GetAsync("/api/stats?from=igår", TestContext.Current.CancellationToken);
        var old = await guide.GetFromJsonAsync<JsonElement>("/api/stats?from=2020-01-01&to=2020-01-31", TestContext.Current.CancellationToken);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("date,conversations,questions,answered", csvText, StringComparison.Ordinal);
        Assert.Contains(",1,1,1,0,0,0,0,1,0", csvText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(0, old.GetProperty("conversations").GetInt32());
        Assert.Equal(31, old.GetProperty("byDay").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/stats", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/guide/unanswered", TestContext.Current.CancellationToken)).StatusCode);
    }
}

/// <summary>Pickup waits and abandoned queue cases, from real cases with a fake clock.</summary>
public class StatisticsCaseTests
{
    [Fact]
    public async Task PickupWait_AndAQueuedCaseNobodyTook_CountInTheStatistics()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Handoff:QueueTimeoutMinutes"] = "10" }, clock: clock);
        var guide = await GuideClient.SignInAsync(app);
        await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        var presence = app.Services.GetRequiredService<Bot.Handoff.IGuidePresence>();
        await presence.ConnectedAsync("demo", "Demo Vägledare", ["Allmänna frågor"]);
        var served = await app.StartChatAsync();
        var waiting = await app.StartChatAsync();
        await served.PostMessageAsync("Jag vill prata med en människa");
        await waiting.PostMessageAsync("Kan jag få prata med en handläggare?");
        var queued = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken);
        var servedCase = queued.EnumerateArray().Single(c => c.GetProperty("conversationId").GetString() == served.ConversationId).GetProperty("id").GetString();

        clock.Advance(TimeSpan.FromSeconds(150));
        await guide.PostAsync($"/api/guide/cases/{servedCase}/claim", null, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(9));
        await app.Services.GetRequiredService<Bot.Handoff.HandoffTimeouts>().RunOnceAsync(TestContext.Current.CancellationToken);
        var stats = await guide.GetFromJsonAsync<JsonElement>("/api/stats?from=2026-11-24&to=2026-11-24", TestContext.Current.CancellationToken);

        Assert.Equal(2, stats.GetProperty("conversations").GetInt32());
        Assert.Equal(2, stats.GetProperty("handedOff").GetInt32());
        Assert.Equal(1, stats.GetProperty("pickups").GetInt32());
        Assert.Equal(150, stats.GetProperty("pickupWaitMedianSeconds").GetDouble());
        Assert.Equal(150, stats.GetProperty("pickupWaitP90Seconds").GetDouble());
        Assert.Equal(1, stats.GetProperty("abandoned").GetInt32());
        Assert.Equal(0, stats.GetProperty("containmentRate").GetDouble());
    }
}

internal static class GuideClient
{
    public static async Task<HttpClient> SignInAsync(BotApplication app)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>The learning loop: an unanswered question in the inbox, added to an entry, answered from then on.</summary>
public class LearningLoopTests
{
    [Fact]
    public async Task AQuestionFromTheInbox_AddedToASuggestedEntry_IsAnsweredByItNextTime()
    {
        using var content = new ContentCopy();
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Knowledge:ContentDirectory"] = content.Path,
            ["Knowledge:ReloadSeconds"] = "0",
        });
        var guide = await GuideClient.SignInAsync(app);
        const string question = "Hur många invånare har månen?";
        var first = await app.StartChatAsync();
        await first.PostMessageAsync(question);

        var inbox = await guide.GetFromJsonAsync<JsonElement>("/api/guide/unanswered", TestContext.Current.CancellationToken);
        var group = Assert.Single(inbox.EnumerateArray());
        Assert.Equal(question, group.GetProperty("example").GetString());
        var entryId = group.GetProperty("suggestedEntries")[0].GetProperty("id").GetString();
        var added = await guide.PostAsJsonAsync($"/api/guide/knowledge/{entryId}/questions", new { text = group.GetProperty("example").GetString() }, TestContext.Current.CancellationToken);
        var second = await app.StartChatAsync();
        await second.PostMessageAsync(question);
        var (activities, _) = await second.GetActivitiesAsync();
        var decision = activities.Last(a => a.Type == ActivityTypes.Trace).Value!.Value;

        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("answer", decision.GetProperty("outcome").GetString());
        Assert.Equal(entryId, decision.GetProperty("answerId").GetString());
    }
}

/// <summary>The statistics and the learning inbox per language (issue 14).</summary>
public class LanguageStatisticsTests
{
    [Fact]
    public async Task Stats_CountPerLanguage_AndTheInboxNamesTheQuestionsLanguage()
    {
        await using var app = new BotApplication();
        var swedish = await app.StartChatAsync();
        await swedish.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        var finnish = await app.StartChatAsync("fi-FI");
        await finnish.PostMessageAsync("Suomi");
        await finnish.PostMessageAsync("Kuinka monta asukasta kuussa on?");
        var guide = await GuideClient.SignInAsync(app);

        var stats = await guide.GetFromJsonAsync<JsonElement>("/api/stats", TestContext.Current.CancellationToken);
        var csv = await guide.GetStringAsync("/api/stats?format=csv", TestContext.Current.CancellationToken);
        var inbox = await guide.GetFromJsonAsync<JsonElement>("/api/guide/unanswered", TestContext.Current.CancellationToken);
        var onlySwedish = await guide.GetFromJsonAsync<JsonElement>("/api/guide/unanswered?language=sv", TestContext.Current.CancellationToken);

        Assert.Equal(1, stats.GetProperty("byLanguage").GetProperty("sv").GetProperty("conversations").GetInt32());
        Assert.Equal(1, stats.GetProperty("byLanguage").GetProperty("fi").GetProperty("conversations").GetInt32());
        Assert.Equal(1, stats.GetProperty("byLanguage").GetProperty("fi").GetProperty("questions").GetInt32());
        Assert.Contains("\nlanguage,conversations,questions,", csv, StringComparison.Ordinal);
        Assert.Contains("\n\"fi\",1,1,", csv, StringComparison.Ordinal);
        var group = Assert.Single(inbox.EnumerateArray());
        Assert.Equal("fi", group.GetProperty("language").GetString());
        Assert.Equal("finska", group.GetProperty("languageName").GetString());
        Assert.Equal(1, group.GetProperty("languages").GetProperty("fi").GetInt32());
        Assert.Equal("fi", group.GetProperty("samples")[0].GetProperty("language").GetString());
        Assert.Empty(onlySwedish.EnumerateArray());
    }
}
