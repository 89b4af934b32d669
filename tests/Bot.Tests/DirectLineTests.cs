using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Channels.DirectLine;
using Bot.Storage;
using Bot.Tests.Security;
using Dialogs.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests;

/// <summary>The Direct Line channel, on one bot shared by these tests: each works in conversations of its own.</summary>
public class DirectLineTests(SharedBot bot) : IClassFixture<SharedBot>
{
    private readonly BotApplication _app = bot.App;

    [Fact]
    public async Task Healthz_WhenReady_Returns200()
    {
        var response = await _app.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StartConversation_FirstTime201ThenWelcomeOnce_Then200()
    {
        var chat = await _app.StartChatAsync();

        var again = await chat.SendAsync(HttpMethod.Post, "/v3/directline/conversations", new { });
        var (activities, watermark) = await chat.GetActivitiesAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var welcome = Assert.Single(activities, a => a.Type == ActivityTypes.Message);
        Assert.Contains("Göteborgs Stads chattbot", welcome.Text, StringComparison.Ordinal);
        Assert.Equal("1", watermark);
        Assert.StartsWith("ws://", chat.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_EchoKeepsClientActivityIdAndTokenUser_ThenBotAnswers()
    {
        var chat = await _app.StartChatAsync();

        var id = await chat.PostMessageAsync("Hur skaffar jag ett bibliotekskort?", "client-42");
        var (activities, _) = await chat.GetActivitiesAsync("1");

        var echo = activities[0];
        Assert.Equal(id, echo.Id);
        Assert.Equal($"{chat.ConversationId}|0000001", id);
        Assert.Equal("client-42", echo.ChannelDataString("clientActivityID"));
        Assert.StartsWith("dl_", echo.From!.Id, StringComparison.Ordinal);
        Assert.Equal("user", echo.From.Role);
        Assert.Equal("directline", echo.ChannelId);
        var reply = activities.First(a => a.Type == ActivityTypes.Message && a.From?.Role == "bot");
        Assert.Equal(id, reply.ReplyToId);
        Assert.Contains("legitimation", reply.Text, StringComparison.OrdinalIgnoreCase);
        var trace = Assert.Single(activities, a => a.Type == ActivityTypes.Trace);
        Assert.Equal("BotDecision", trace.Name);
        Assert.Equal("answer", trace.Value!.Value.GetProperty("outcome").GetString());
        Assert.True(activities.Zip(activities.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
    }

    [Fact]
    public async Task PostActivity_UnknownFieldsAndChannelData_SurviveTheRoundTrip()
    {
        var chat = await _app.StartChatAsync();

        await chat.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{chat.ConversationId}/activities", new
        {
            type = "message",
            text = "Hej ♻️ åäö",
            customField = new { nested = 1 },
            channelData = new { clientActivityID = "x1", postBack = true, anything = new[] { 1, 2 } },
        });
        var (activities, _) = await chat.GetActivitiesAsync("1");
        var json = JsonSerializer.Serialize(activities[0], ActivityJson.Options);

        Assert.Contains("\"customField\":{\"nested\":1}", json, StringComparison.Ordinal);
        Assert.Contains("\"anything\":[1,2]", json, StringComparison.Ordinal);
        Assert.Equal("Hej ♻️ åäö", activities[0].Text);
        Assert.EndsWith("Z", JsonDocument.Parse(json).RootElement.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watermark_ReturnsOnlyNewerActivities()
    {
        var chat = await _app.StartChatAsync();
        await chat.PostMessageAsync("Hej!");
        var (all, watermark) = await chat.GetActivitiesAsync();

        var (none, same) = await chat.GetActivitiesAsync(watermark);

        Assert.True(all.Count >= 3);
        Assert.Empty(none);
        Assert.Equal(watermark, same);
    }

    [Fact]
    public async Task TokenOfAnotherConversation_IsForbidden_AndLeaksNothing()
    {
        var alice = await _app.StartChatAsync();
        var bob = await _app.StartChatAsync();
        await alice.PostMessageAsync("Hemlig fråga om parkering");

        var read = await bob.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities");
        var post = await bob.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{alice.ConversationId}/activities", new { type = "message", text = "x" });
        var reconnect = await bob.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}");

        foreach (var response in new[] { read, post, reconnect })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("\"error\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Hemlig", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownConversation_WithSecret_Is404()
    {
        var chat = await _app.StartChatAsync();

        var response = await chat.SendAsync(HttpMethod.Get, "/v3/directline/conversations/does-not-exist/activities", token: "test-secret-0123456789");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MissingOrForgedToken_IsRejected()
    {
        var chat = await _app.StartChatAsync();
        var client = _app.CreateClient();

        var missing = await client.GetAsync($"/v3/directline/conversations/{chat.ConversationId}/activities", TestContext.Current.CancellationToken);
        var forged = await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities", token: chat.Token[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Is403TokenExpired()
    {
        var chat = await _app.StartChatAsync();
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var tokens = new DirectLineTokens(_app.Services.GetRequiredService<Bot.Security.SigningKeys>(), past);
        var expired = tokens.Issue(chat.ConversationId, "dl_expired-user");

        var response = await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities", token: expired);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("TokenExpired", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task RefreshToken_GivesAWorkingTokenForTheSameConversation()
    {
        var chat = await _app.StartChatAsync();

        var response = await chat.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");
        var refreshed = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        chat.Token = refreshed.GetProperty("token").GetString()!;

        Assert.Equal(chat.ConversationId, refreshed.GetProperty("conversationId").GetString());
        Assert.Equal(1800, refreshed.GetProperty("expires_in").GetInt32());
        await chat.GetActivitiesAsync();
    }

    [Fact]
    public async Task GenerateToken_NeedsTheSecret()
    {
        var chat = await _app.StartChatAsync();

        var withToken = await chat.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", new { });
        var withSecret = await chat.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", new { user = new { id = "dl_website-user-1" } }, "test-secret-0123456789");

        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSecret.StatusCode);
    }

    [Fact]
    public async Task CorsPreflight_FromAnotherOrigin_IsAllowed()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", "https://goteborg.se");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");

        var response = await _app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("x-ms-bot-agent", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Upload_StoresTheFileAndLinksItWithASignedAddress()
    {
        var chat = await _app.StartChatAsync();
        using var form = new MultipartFormDataContent();
        var activity = new StringContent("""{"type":"message","text":"Bild på skadan","channelData":{"clientActivityID":"u1"}}""");
        activity.Headers.ContentType = new("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        var file = new ByteArrayContent(TestFiles.Png);
        file.Headers.ContentType = new("image/png");
        form.Add(file, "file", "skada.png");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{chat.ConversationId}/upload?userId=x") { Content = form };
        request.Headers.Authorization = new("Bearer", chat.Token);

        var response = await chat.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var (activities, _) = await chat.GetActivitiesAsync("1");
        var attachment = Assert.Single(activities[0].Attachments!);
        var download = await chat.Client.GetAsync(attachment.ContentUrl, TestContext.Current.CancellationToken);
        var tampered = await chat.Client.GetAsync(attachment.ContentUrl!.Replace("sig=", "sig=x", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("u1", activities[0].ChannelDataString("clientActivityID"));
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestFiles.Png, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("skada.png", attachment.Name);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }
}
