using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests;

/// <summary>Crisis alerts over HTTP: posted by a guide, public while active, before answers and in the handoff message.</summary>
public class AlertApiTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task PostedAlert_IsPublicBeforeAnswersAndHandoffs_UntilItExpiresOrIsDeleted()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new BotApplication(clock: clock);
        var guide = await FaultReportApiTests.GuideAsync(app);
        var anonymous = app.CreateClient();

        var unauthorized = await anonymous.PostAsJsonAsync("/api/alerts", new { text = "x", topics = Array.Empty<string>(), expiresAt = Now.AddHours(1) }, TestContext.Current.CancellationToken);
        var created = await guide.PostAsJsonAsync("/api/alerts", new { text = "Kraftigt snöfall: plogningen tar längre tid än vanligt.", topics = new[] { "snöröjning" }, expiresAt = Now.AddHours(2) }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alert = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = alert.GetProperty("id").GetString()!;

        var active = await anonymous.GetFromJsonAsync<JsonElement>("/api/alerts", TestContext.Current.CancellationToken);
        Assert.Equal(id, Assert.Single(active.EnumerateArray()).GetProperty("id").GetString());

        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
        await resident.PostMessageAsync("När kommer plogen till min gata?");
        await resident.PostMessageAsync("Jag vill prata med en människa");
        var (activities, watermark) = await resident.GetActivitiesAsync();
        var replies = activities.Where(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.Bot).Select(a => a.Text!).ToList();
        Assert.DoesNotContain("Kraftigt snöfall", replies[^3], StringComparison.Ordinal);
        Assert.StartsWith("Viktigt just nu: Kraftigt snöfall", replies[^2], StringComparison.Ordinal);
        Assert.Contains("Kraftigt snöfall", replies[^1], StringComparison.Ordinal);
        Assert.Contains("längre tid än vanligt", replies[^1], StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(3));
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonElement>("/api/alerts", TestContext.Current.CancellationToken)).EnumerateArray());

        var second = await guide.PostAsJsonAsync("/api/alerts", new { text = "Driftstörning i e-tjänsterna.", topics = Array.Empty<string>(), expiresAt = clock.GetUtcNow().AddHours(1) }, TestContext.Current.CancellationToken);
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        Assert.Single((await anonymous.GetFromJsonAsync<JsonElement>("/api/alerts", TestContext.Current.CancellationToken)).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await guide.DeleteAsync($"/api/alerts/{secondId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guide.DeleteAsync($"/api/alerts/{secondId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonElement>("/api/alerts", TestContext.Current.CancellationToken)).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"text":"","topics":[],"expiresAt":"2026-11-24T12:00:00+01:00"}""", "text is required")]
    [InlineData("""{"text":"Snöoväder","topics":["vädret"],"expiresAt":"2026-11-24T12:00:00+01:00"}""", "unknown topics: vädret")]
    [InlineData("""{"text":"Snöoväder","topics":["snöröjning"],"expiresAt":"2026-11-24T09:00:00+01:00"}""", "in the future")]
    [InlineData("""{"text":"Snöoväder","topics":["snöröjning"]}""", "in the future")]
    [InlineData("""{"text":""", "must be JSON")]
    public async Task InvalidAlert_GetsAClearJsonError_AndNothingIsStored(string body, string message)
    {
        await using var app = new BotApplication(clock: new FakeTimeProvider(Now));
        var guide = await FaultReportApiTests.GuideAsync(app);

        var response = await guide.PostAsync("/api/alerts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/alerts", TestContext.Current.CancellationToken)).EnumerateArray());
    }

    [Fact]
    public async Task TooLongText_IsRefused()
    {
        await using var app = new BotApplication(clock: new FakeTimeProvider(Now));
        var guide = await FaultReportApiTests.GuideAsync(app);

        var response = await guide.PostAsJsonAsync("/api/alerts", new { text = new string('a', 501), topics = Array.Empty<string>(), expiresAt = Now.AddHours(1) }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
