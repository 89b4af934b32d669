using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>The whole handoff over real HTTP: resident on Direct Line, guide on the guide API.</summary>
public class HandoffTests
{
    // A Tuesday morning: the contact center is open.
    private static readonly Dictionary<string, string?> OpenHours = new() { ["Bot:Now"] = "2026-11-24T10:00:00+01:00" };

    [Fact]
    public async Task HumanRequest_CaseClaimReplyAnswerClose_ThenTheBotAnswersAgain()
    {
        await using var app = new BotApplication(settings: OpenHours);
        var guide = await GuideAsync(app);
        await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        var resident = await app.StartChatAsync();

        await resident.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        await resident.PostMessageAsync("Jag vill prata med en människa, det gäller Götabergsgatan 20");
        var (afterRequest, watermark) = await resident.GetActivitiesAsync();
        var cases = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken);
        var item = Assert.Single(cases.EnumerateArray());
        var caseId = item.GetProperty("id").GetString()!;

        Assert.Contains(afterRequest, a => a.Type == ActivityTypes.Event && a.Name == "handoff.initiate");
        Assert.Contains(afterRequest, a => a.Text?.Contains("nummer 1 i kön", StringComparison.Ordinal) == true);
        Assert.Equal(resident.ConversationId, item.GetProperty("conversationId").GetString());
        Assert.Equal("directline", item.GetProperty("channel").GetString());
        var summary = item.GetProperty("summary");
        Assert.Contains("bibliotekskort", summary.GetProperty("question").GetString(), StringComparison.Ordinal);
        Assert.Equal("sv", summary.GetProperty("language").GetString());
        // In the queue the address is masked; the guide who claims the case sees it.
        Assert.Contains(summary.GetProperty("details").EnumerateArray(), d => d.GetProperty("kind").GetString() == "adress" && d.GetProperty("value").GetString() == "[adress]");
        Assert.DoesNotContain("Götabergsgatan", item.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(summary.GetProperty("botAnswers").EnumerateArray(), a => a.GetProperty("outcome").GetString() == "answer");
        // The queue lists no transcripts; the case itself has it (masked until claimed).
        Assert.Equal(JsonValueKind.Null, item.GetProperty("transcript").ValueKind);
        var queued = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken);
        Assert.Contains(queued.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("role").GetString() == "resident");

        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsync($"/api/guide/cases/{caseId}/claim", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Vad gäller det för fel på gatan?" }, TestContext.Current.CancellationToken)).StatusCode);
        var (afterClaim, watermark2) = await resident.GetActivitiesAsync(watermark);
        var fromGuide = Assert.Single(afterClaim, a => a.Text == "Vad gäller det för fel på gatan?");
        Assert.Equal("guide:demo", fromGuide.From!.Id);
        Assert.Equal("Demo Vägledare", fromGuide.From.Name);
        Assert.Contains(afterClaim, a => a.Name == "handoff.status" && a.Value!.Value.GetProperty("state").GetString() == "accepted");
        var claimed = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken);
        Assert.Contains(claimed.GetProperty("summary").GetProperty("details").EnumerateArray(), d => d.GetProperty("value").GetString() == "Götabergsgatan 20");
        Assert.Contains(claimed.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("text").GetString()!.Contains("Götabergsgatan 20", StringComparison.Ordinal));

        await resident.PostMessageAsync("Gatlampan är trasig");
        var (relayed, watermark3) = await resident.GetActivitiesAsync(watermark2);
        var trace = relayed.Last(a => a.Type == ActivityTypes.Trace);
        Assert.Equal("relay", trace.Value!.Value.GetProperty("outcome").GetString());
        Assert.DoesNotContain(relayed, a => a.Type == ActivityTypes.Message && a.From?.Id == "stadsbot");
        var seen = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken);
        Assert.Contains(seen.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("text").GetString() == "Gatlampan är trasig");

        var close = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/close", new { resolution = "besvarad", backToBot = true }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        await resident.PostMessageAsync("4");
        await resident.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        var (afterClose, _) = await resident.GetActivitiesAsync(watermark3);
        Assert.Contains(afterClose, a => a.Name == "handoff.status" && a.Value!.Value.GetProperty("state").GetString() == "completed");
        Assert.Contains(afterClose, a => a.Text?.Contains("legitimation", StringComparison.OrdinalIgnoreCase) == true);
        var closed = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(4, closed.GetProperty("rating").GetInt32());
    }

    [Fact]
    public async Task RestartInTheMiddleOfALiveChat_LosesNoMessageAndNoCase()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-handoff-" + Guid.NewGuid().ToString("N"));
        string caseId, conversationId, token;
        await using (var before = new BotApplication(data, OpenHours))
        {
            var guide = await GuideAsync(before);
            await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
            var resident = await before.StartChatAsync();
            await resident.PostMessageAsync("Kan jag få prata med en handläggare?");
            var cases = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken);
            caseId = cases[0].GetProperty("id").GetString()!;
            await guide.PostAsync($"/api/guide/cases/{caseId}/claim", null, TestContext.Current.CancellationToken);
            (conversationId, token) = (resident.ConversationId, resident.Token);
        }

        await using var after = new BotApplication(data, OpenHours);
        var guideAfter = await GuideAsync(after);
        var residentAfter = new ResidentChat(after.CreateClient(), conversationId, token);
        await residentAfter.PostMessageAsync("Är du kvar?");
        var reply = await guideAfter.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Ja, jag är kvar." }, TestContext.Current.CancellationToken);
        var (activities, _) = await residentAfter.GetActivitiesAsync();
        var item = await guideAfter.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("active", item.GetProperty("status").GetString());
        Assert.Contains(item.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("text").GetString() == "Är du kvar?");
        Assert.Contains(activities, a => a.Text == "Ja, jag är kvar." && a.From?.Id == "guide:demo");
        Assert.DoesNotContain(activities.SkipWhile(a => a.Text != "Är du kvar?"), a => a.Type == ActivityTypes.Message && a.From?.Id == "stadsbot");
    }

    [Fact]
    public async Task OutsideOpeningHours_TheResidentLeavesAMessage()
    {
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Bot:Now"] = "2026-12-24T11:00:00+01:00" });
        var guide = await GuideAsync(app);
        var resident = await app.StartChatAsync();

        await resident.PostMessageAsync("Jag vill prata med en människa");
        await resident.PostMessageAsync("Ring mig på 070-123 45 67 om min bygglovsansökan");
        var (activities, _) = await resident.GetActivitiesAsync();
        var messages = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", TestContext.Current.CancellationToken);

        Assert.Contains(activities, a => a.Text?.Contains("stängt", StringComparison.Ordinal) == true && a.Text.Contains("måndag den 28 december", StringComparison.Ordinal));
        Assert.Contains(activities, a => a.Text?.Contains("sparat ditt meddelande", StringComparison.Ordinal) == true);
        var item = Assert.Single(messages.EnumerateArray());
        var detail = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{item.GetProperty("id").GetString()}", TestContext.Current.CancellationToken);
        Assert.Contains(detail.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("text").GetString()!.Contains("070-123 45 67", StringComparison.Ordinal));
        Assert.Contains(detail.GetProperty("summary").GetProperty("details").EnumerateArray(),
            d => d.GetProperty("kind").GetString() == "telefon" && d.GetProperty("value").GetString() == "070-123 45 67");
    }

    [Fact]
    public async Task GuideApi_WithoutToken_Is401_AndResidentTokenIsRejected()
    {
        await using var app = new BotApplication(settings: OpenHours);
        var resident = await app.StartChatAsync();
        var client = app.CreateClient();

        var anonymous = await client.GetAsync("/api/guide/cases", TestContext.Current.CancellationToken);
        var withResidentToken = await resident.SendAsync(HttpMethod.Get, "/api/guide/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withResidentToken.StatusCode);
    }

    [Fact]
    public async Task CaseClaimedByAnotherGuide_NeedsAnExplicitTakeOver()
    {
        var settings = new Dictionary<string, string?>(OpenHours)
        {
            ["Guides:Accounts:0:UserName"] = "anna",
            ["Guides:Accounts:0:DisplayName"] = "Anna",
            ["Guides:Accounts:0:PasswordHash"] = Guides.GuidePasswordHasher.Hash("anna-secret"),
            ["Guides:Accounts:0:Groups:0"] = "Allmänna frågor",
            ["Guides:Accounts:1:UserName"] = "bo",
            ["Guides:Accounts:1:DisplayName"] = "Bo",
            ["Guides:Accounts:1:PasswordHash"] = Guides.GuidePasswordHasher.Hash("bo-secret"),
            ["Guides:Accounts:1:Groups:0"] = "Allmänna frågor",
        };
        await using var app = new BotApplication(settings: settings);
        var anna = await GuideAsync(app, "anna", "anna-secret");
        var bo = await GuideAsync(app, "bo", "bo-secret");
        await anna.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Jag vill prata med en människa");
        var caseId = (await anna.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken))[0].GetProperty("id").GetString();
        await anna.PostAsync($"/api/guide/cases/{caseId}/claim", null, TestContext.Current.CancellationToken);

        var write = await bo.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Hej" }, TestContext.Current.CancellationToken);
        var claim = await bo.PostAsync($"/api/guide/cases/{caseId}/claim", null, TestContext.Current.CancellationToken);
        var takeOver = await bo.PostAsJsonAsync($"/api/guide/cases/{caseId}/claim", new { takeOver = true }, TestContext.Current.CancellationToken);
        var annaWrites = await anna.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Hej" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, write.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, claim.StatusCode);
        Assert.Equal(HttpStatusCode.OK, takeOver.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, annaWrites.StatusCode);
    }

    private static async Task<HttpClient> GuideAsync(BotApplication app, string userName = "demo", string password = "demo")
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName, password }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public class HandoffTimeoutTests
{
    [Fact]
    public async Task QueuedCaseNobodyClaims_GetsTheLeaveAMessageOffer_AndAGoneGuideReleasesTheirCase()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Handoff:QueueTimeoutMinutes"] = "5", ["Handoff:GuideDisconnectMinutes"] = "2" }, clock: clock);
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, TestContext.Current.CancellationToken);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var presence = app.Services.GetRequiredService<Bot.Handoff.IGuidePresence>();
        await presence.ConnectedAsync("demo", "Demo Vägledare", ["Allmänna frågor"]);
        var timeouts = app.Services.GetRequiredService<Bot.Handoff.HandoffTimeouts>();
        var waiting = await app.StartChatAsync();
        var served = await app.StartChatAsync();
        await waiting.PostMessageAsync("Jag vill prata med en människa");
        await served.PostMessageAsync("Kan jag få prata med en handläggare?");
        var queued = await client.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken);
        var servedCase = queued.EnumerateArray().Single(c => c.GetProperty("conversationId").GetString() == served.ConversationId).GetProperty("id").GetString();
        await client.PostAsync($"/api/guide/cases/{servedCase}/claim", null, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromMinutes(6));
        await presence.DisconnectedAsync("demo");
        clock.Advance(TimeSpan.FromMinutes(3));
        await timeouts.RunOnceAsync(TestContext.Current.CancellationToken);

        var (waitingActivities, _) = await waiting.GetActivitiesAsync();
        Assert.Contains(waitingActivities, a => a.Text?.Contains("alla vägledare upptagna", StringComparison.Ordinal) == true);
        var messages = await client.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", TestContext.Current.CancellationToken);
        Assert.Contains(messages.EnumerateArray(), c => c.GetProperty("conversationId").GetString() == waiting.ConversationId);
        var released = await client.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{servedCase}", TestContext.Current.CancellationToken);
        Assert.Equal("queued", released.GetProperty("status").GetString());
        Assert.Contains(released.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "released");
        var (servedActivities, _) = await served.GetActivitiesAsync();
        Assert.Contains(servedActivities, a => a.Text?.Contains("tappade anslutningen", StringComparison.Ordinal) == true);
    }
}
