using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Tests.Security;

namespace Bot.Tests;

/// <summary>
/// Bad input gets a clear 4xx with a JSON error, is logged without its text, and harms no other conversation
/// (on one bot shared by these tests: each works in conversations of its own).
/// </summary>
public class BadInputTests(SharedBot bot) : IClassFixture<SharedBot>
{
    private readonly BotApplication _app = bot.App;

    public static TheoryData<string, HttpStatusCode> BadBodies => new()
    {
        { "{ this is not json", HttpStatusCode.BadRequest },
        { """{"text":"no type"}""", HttpStatusCode.BadRequest },
        { """{"type":"message","text":"null\u0000byte och \u0007 klocka"}""", HttpStatusCode.BadRequest },
        { "{\"type\":\"message\",\"text\":\"" + new string('a', 6000) + "\"}", HttpStatusCode.BadRequest },
        { "{\"type\":\"message\",\"text\":\"" + new string('x', 1024 * 1024) + "\"}", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostActivity_BadBody_GetsJsonErrorAndOthersAreUnaffected(string body, HttpStatusCode expected)
    {
        var victim = await _app.StartChatAsync();
        var other = await _app.StartChatAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{victim.ConversationId}/activities")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", victim.Token);

        var response = await victim.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetProperty("message").GetString()));
        var (afterVictim, _) = await victim.GetActivitiesAsync();
        Assert.Single(afterVictim);
        await other.PostMessageAsync("Hej!");
        var (afterOther, _) = await other.GetActivitiesAsync();
        Assert.Contains(afterOther, a => a.From?.Role == "bot" && a.ReplyToId is not null);
    }

    [Fact]
    public async Task MalformedTokenRequest_IsA400()
    {
        var response = await _app.CreateClient().PostAsync("/api/directline/token",
            new StringContent("{oops", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ResidentText_NeverAppearsInTheLog()
    {
        var chat = await _app.StartChatAsync();
        const string secret = "Mitt personnummer är 19121212-1212 och jag heter Hemligsson";

        await chat.PostMessageAsync(secret);
        await chat.PostMessageAsync("{ not json");

        Assert.NotEmpty(_app.LogLines);
        Assert.DoesNotContain(_app.LogLines, line => line.Contains("Hemligsson", StringComparison.Ordinal) || line.Contains("1212", StringComparison.Ordinal));
    }
}
