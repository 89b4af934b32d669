using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests;

/// <summary>Retention with a fake clock, erasure and export of a conversation, and the audit log.</summary>
public class PrivacyTests
{
    private const string Personal = "Jag vill prata med en människa om min faktura, jag heter Anna och har nummer 070-123 45 67";

    [Fact]
    public async Task Retention_DeletesTranscriptsAndCasesAfterThePeriod_AndKeepsAnonymousCounts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Privacy:RetentionDays"] = "30" }, clock: clock);
        var guide = await GuideClient.SignInAsync(app);
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Hur många invånare har månen?");
        await resident.PostMessageAsync(Personal);
        var day = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Knowledge.Calendar.ContactCenterHours.Stockholm).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var privacy = app.Services.GetRequiredService<PrivacyService>();
        Assert.Single(await CasesAsync(guide));

        clock.Advance(TimeSpan.FromDays(29));
        var early = await privacy.ApplyRetentionAsync(TestContext.Current.CancellationToken);
        var kept = await guide.GetAsync($"/api/guide/privacy/conversations/{resident.ConversationId}/export", TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(2));
        var late = await privacy.ApplyRetentionAsync(TestContext.Current.CancellationToken);
        var gone = await guide.GetAsync($"/api/guide/privacy/conversations/{resident.ConversationId}/export", TestContext.Current.CancellationToken);
        var stats = await guide.GetFromJsonAsync<JsonElement>($"/api/stats?from={day}&to={day}", TestContext.Current.CancellationToken);
        var inbox = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/unanswered?from={day}&to={day}", TestContext.Current.CancellationToken);

        Assert.All(early.Values, n => Assert.Equal(0, n));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.True(late["conversation"] > 0);
        Assert.Equal(1, late["cases"]);
        Assert.True(late["statistics"] > 0);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(await CasesAsync(guide));
        Assert.Equal(1, stats.GetProperty("conversations").GetInt32());
        Assert.Equal(1, stats.GetProperty("handedOff").GetInt32());
        Assert.Empty(inbox.EnumerateArray());
        var (activities, _) = await ReadAsync(resident);
        Assert.NotEqual(HttpStatusCode.OK, activities);
    }

    [Fact]
    public async Task Erasure_RemovesOneConversationEverywhere_IsLoggedWithoutContent_AndLeavesOthers()
    {
        await using var app = new BotApplication();
        var guide = await GuideClient.SignInAsync(app);
        var resident = await app.StartChatAsync();
        var other = await app.StartChatAsync();
        await resident.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        await resident.PostMessageAsync(Personal);
        await other.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");

        var export = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/privacy/conversations/{resident.ConversationId}/export", TestContext.Current.CancellationToken);
        var erase = await guide.DeleteAsync($"/api/guide/privacy/conversations/{resident.ConversationId}", TestContext.Current.CancellationToken);
        var erased = await erase.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var again = await guide.DeleteAsync($"/api/guide/privacy/conversations/{resident.ConversationId}", TestContext.Current.CancellationToken);
        var exportAfter = await guide.GetAsync($"/api/guide/privacy/conversations/{resident.ConversationId}/export", TestContext.Current.CancellationToken);
        var log = await guide.GetFromJsonAsync<JsonElement>("/api/guide/privacy/log", TestContext.Current.CancellationToken);
        var stats = await guide.GetFromJsonAsync<JsonElement>("/api/stats", TestContext.Current.CancellationToken);
        var anonymous = await app.CreateClient().DeleteAsync($"/api/guide/privacy/conversations/{other.ConversationId}", TestContext.Current.CancellationToken);

        var data = export.GetProperty("data");
        Assert.Contains(data.GetProperty("conversation").GetProperty("activities").EnumerateArray(), a => a.TryGetProperty("text", out var t) && t.GetString() == Personal);
        Assert.Single(data.GetProperty("cases").EnumerateArray());
        Assert.Contains(data.GetProperty("statistics").EnumerateArray(), t => t.GetProperty("outcome").GetString() == "handoff");
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal(1, erased.GetProperty("erased").GetProperty("cases").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, exportAfter.StatusCode);
        Assert.Empty(await CasesAsync(guide));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await ReadAsync(resident)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(other)).Status);
        Assert.Equal(2, stats.GetProperty("conversations").GetInt32());
        var entries = log.EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("actor").GetString() == "demo" && e.GetProperty("action").GetString() == "erased"
            && e.GetProperty("subject").GetString() == "conversation " + resident.ConversationId);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "exported");
        Assert.Contains(app.LogLines, l => l.Contains("demo erased conversation " + resident.ConversationId, StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines, l => l.Contains("070-123", StringComparison.Ordinal) || l.Contains("faktura", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_KeepsTheFaultReportForTheCity_WithoutWhatIdentifiesTheResident()
    {
        await using var app = new BotApplication();
        var guide = await GuideClient.SignInAsync(app);
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Gatlampan utanför Vasagatan 12 är trasig, mitt nummer är 070-123 45 67.");
        await resident.PostMessageAsync("Ja");
        await resident.PostMessageAsync("Hoppa över");
        await resident.PostMessageAsync("anna@example.se");
        var reports = await guide.GetFromJsonAsync<JsonElement>("/api/guide/faultreports", TestContext.Current.CancellationToken);
        var reference = Assert.Single(reports.EnumerateArray()).GetProperty("reference").GetString();

        var export = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/privacy/conversations/{resident.ConversationId}/export", TestContext.Current.CancellationToken);
        var erase = await guide.DeleteAsync($"/api/guide/privacy/conversations/{resident.ConversationId}", TestContext.Current.CancellationToken);
        var report = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/faultreports/{reference}", TestContext.Current.CancellationToken);

        var exported = Assert.Single(export.GetProperty("data").GetProperty("faultReports").EnumerateArray());
        Assert.Equal("anna@example.se", exported.GetProperty("contact").GetString());
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal("Vasagatan 12", report.GetProperty("location").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("contact").ValueKind);
        Assert.Equal("", report.GetProperty("conversationId").GetString());
        Assert.DoesNotContain("070-123", report.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> CasesAsync(HttpClient guide) =>
        (await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases", TestContext.Current.CancellationToken)).EnumerateArray().ToList();

    private static async Task<(HttpStatusCode Status, string Body)> ReadAsync(ResidentChat chat)
    {
        var response = await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities", null, "test-secret-0123456789");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
