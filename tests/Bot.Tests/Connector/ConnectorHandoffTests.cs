using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;
using static Bot.Tests.Connector.ConnectorActivities;

namespace Bot.Tests.Connector;

/// <summary>
/// The handoff over the connector (a Teams chat): the case and transcript for the guide, and the
/// guide's replies arriving proactively at the fake connector with the bot's (cached) token.
/// </summary>
public class ConnectorHandoffTests
{
    [Fact]
    public async Task HumanRequestOverTheConnector_GuideRepliesArriveProactively_WithOneTokenForEverything()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        using var key = new TestSigningKey("key-1", "msteams");
        fake.PublishedKeys.Add(key);
        // A Tuesday morning: the contact center is open.
        await using var bot = new ConnectorBot(fake, settings: new Dictionary<string, string?> { ["Bot:Now"] = "2026-11-24T10:00:00+01:00" });
        var guide = await bot.GuideAsync();
        await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        const string conversationId = "a:1teams-chat-with-anna";
        Task<HttpResponseMessage> Say(string text, string id) =>
            bot.PostActivityAsync(Message(fake, conversationId, text, id: id, channelId: "msteams"), key.Sign(Claims(fake, DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, (await Say("Hur skaffar jag ett bibliotekskort?", "t-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Say("Jag vill prata med en människa, det gäller Götabergsgatan 20", "t-2")).StatusCode);
        await fake.WaitForAsync(r => r.Any(x => x.Activity.Text?.Contains("nummer 1 i kön", StringComparison.Ordinal) == true));
        var cases = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", TestContext.Current.CancellationToken);
        var item = Assert.Single(cases.EnumerateArray());
        var caseId = item.GetProperty("id").GetString()!;

        Assert.Equal("msteams", item.GetProperty("channel").GetString());
        Assert.Equal("abs:msteams:" + conversationId, item.GetProperty("conversationId").GetString());
        var queued = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken);
        Assert.Contains(queued.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("role").GetString() == "resident"
            && t.GetProperty("text").GetString() == "Hur skaffar jag ett bibliotekskort?");
        Assert.Contains(queued.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("role").GetString() == "bot");
        Assert.Contains(fake.Received, x => x.Activity.Type == ActivityTypes.Event && x.Activity.Name == "handoff.initiate" && x.ReplyToId == "t-2");

        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsync($"/api/guide/cases/{caseId}/claim", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Vad gäller det för fel på gatan?" }, TestContext.Current.CancellationToken)).StatusCode);
        var afterClaim = await fake.WaitForAsync(r => r.Any(x => x.Activity.Text == "Vad gäller det för fel på gatan?"));
        var fromGuide = afterClaim.Single(x => x.Activity.Text == "Vad gäller det för fel på gatan?");
        Assert.Null(fromGuide.ReplyToId);
        Assert.Equal($"/connector/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", fromGuide.Path);
        Assert.Equal(conversationId, fromGuide.Activity.Conversation!.Id);
        Assert.Equal("Demo Vägledare", fromGuide.Activity.From!.Name);
        Assert.Equal(BotAccountId, fromGuide.Activity.From.Id);
        Assert.Equal(UserId, fromGuide.Activity.Recipient!.Id);
        Assert.Contains(afterClaim, x => x.Activity.Name == "handoff.status" && x.Activity.Value!.Value.GetProperty("state").GetString() == "accepted");

        // The resident answers in Teams: the guide sees it, and the bot stays silent.
        var sentBefore = fake.Received.Count;
        Assert.Equal(HttpStatusCode.OK, (await Say("Gatlampan är trasig", "t-3")).StatusCode);
        var seen = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", TestContext.Current.CancellationToken);
        Assert.Contains(seen.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("text").GetString() == "Gatlampan är trasig");
        Assert.Contains(seen.GetProperty("transcript").EnumerateArray(), t => t.GetProperty("role").GetString() == "guide"
            && t.GetProperty("text").GetString() == "Vad gäller det för fel på gatan?");

        var close = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/close", new { resolution = "besvarad", backToBot = true }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var afterClose = await fake.WaitForAsync(r => r.Any(x => x.Activity.Text?.Contains("Hur nöjd är du", StringComparison.Ordinal) == true));
        Assert.DoesNotContain(afterClose.Skip(sentBefore), x => x.ReplyToId == "t-3" && x.Activity.Type == ActivityTypes.Message);
        Assert.Contains(afterClose, x => x.Activity.Name == "handoff.status" && x.Activity.Value!.Value.GetProperty("state").GetString() == "completed");

        // Every call went with the same bot token: it was requested once.
        Assert.All(fake.Received, x => Assert.Equal("Bearer connector-token-1", x.Authorization));
        Assert.True(fake.Received.Count >= 6);
        Assert.Single(fake.TokenRequests);
    }
}
