using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Guides;

namespace Bot.Tests.Security;

/// <summary>
/// Issue 12 §5 and §6: upload quotas, limits per conversation, and limits that see each resident's own
/// address behind the reverse proxy (ForwardedHeaders) instead of the proxy's.
/// </summary>
[Collection(Limits.Name)]
public sealed class AbuseLimitTests(LimitedBot bot)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uploads_TooLargeTooManyOrOverTheQuota_AreRefusedWithTheRightMessage_AndNothingIsKept()
    {
        // The shared bot allows 1.5 MB per conversation and 2.5 MB per address and hour; these chats upload from 127.0.0.1.
        var app = bot.App;
        var chat = await bot.ChatAsync();

        var tooLarge = await Uploads.SendAsync(chat, ("stor.png", Uploads.PngOfSize(11 * 1024 * 1024), "image/png"));
        var four = await Uploads.SendAsync(chat, [.. Enumerable.Range(1, 4).Select(i => ($"bild{i}.png", TestFiles.Png, "image/png"))]);
        var first = await Uploads.SendAsync(chat, ("ett.png", Uploads.PngOfSize(800_000), "image/png"));
        var overConversation = await Uploads.SendAsync(chat, ("två.png", Uploads.PngOfSize(800_000), "image/png"));
        var second = await bot.ChatAsync();
        var third = await bot.ChatAsync();
        var secondOk = await Uploads.SendAsync(second, ("tre.png", Uploads.PngOfSize(1_000_000), "image/png"));
        var overHour = await Uploads.SendAsync(third, ("fyra.png", Uploads.PngOfSize(1_000_000), "image/png"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("The file is larger than 10 MB.", await MessageAsync(tooLarge));
        Assert.Equal(HttpStatusCode.BadRequest, four.StatusCode);
        Assert.Equal("At most 3 files can be sent with one message.", await MessageAsync(four));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overConversation.StatusCode);
        Assert.Contains("This conversation has reached its upload limit", await MessageAsync(overConversation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, secondOk.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, overHour.StatusCode);
        Assert.Contains("per hour", await MessageAsync(overHour), StringComparison.Ordinal);
        Assert.NotNull(overHour.Headers.RetryAfter);
        var kept = new[] { chat, second, third }.Sum(c => Directory.Exists(Path.Combine(app.DataDirectory, "uploads", c.ConversationId))
            ? Directory.GetFiles(Path.Combine(app.DataDirectory, "uploads", c.ConversationId)).Length : 0);
        Assert.Equal(2, kept);
    }

    [Fact]
    public async Task ActivitiesPerMinute_LimitsOneConversation_NotTheOthers()
    {
        // The shared bot allows 5 activities a minute per conversation.
        var chat = await bot.ChatAsync();
        var other = await bot.ChatAsync();
        string Path(ResidentChat c) => $"/v3/directline/conversations/{c.ConversationId}/activities";

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await chat.SendAsync(HttpMethod.Post, Path(chat), new { type = "typing" })).StatusCode);
        }
        var sixth = await chat.SendAsync(HttpMethod.Post, Path(chat), new { type = "message", text = "Hej" });
        var upload = await Uploads.SendAsync(chat, ("bild.png", TestFiles.Png, "image/png"));
        var others = await other.SendAsync(HttpMethod.Post, Path(other), new { type = "message", text = "Hej" });

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.NotNull(sixth.Headers.RetryAfter);
        Assert.Equal("TooManyRequests", (await sixth.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
        var (activities, _) = await chat.GetActivitiesAsync();
        Assert.DoesNotContain(activities, a => a.Text == "Hej");
    }

    [Fact]
    public async Task BehindTheProxy_EachResidentHasItsOwnTokenBudget()
    {
        // The shared bot allows 3 tokens a minute per address, and trusts X-Forwarded-For from loopback.
        var client = bot.App.CreateClient();
        var resident = bot.NewAddress();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            first.Add((await TokenAsync(client, resident)).StatusCode);
        }
        var someoneElse = await TokenAsync(client, bot.NewAddress());

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_FromAnAddressThatIsNoKnownProxy_IsIgnored()
    {
        Assert.SkipWhen(LimitedBot.ExternalAddress is null, "This machine has no non-loopback IPv4 address to listen on.");
        using var client = bot.ExternalClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await TokenAsync(client, bot.NewAddress())).StatusCode);
        }

        // Four "different residents" by their headers, one client in truth: its fourth token is refused.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task SignIn_AnAttackerBehindTheProxy_CannotLockAGuideOut()
    {
        var client = bot.App.CreateClient();

        for (var i = 0; i < GuideSignInThrottle.MaxFailuresPerUserAndAddress; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "demo", "gissning" + i, "203.0.113.66")).StatusCode);
        }
        var attackerAgain = await LoginAsync(client, "demo", "demo", "203.0.113.66");
        var guide = await LoginAsync(client, "demo", "demo", "198.51.100.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, attackerAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, guide.StatusCode);
    }

    [Fact]
    public async Task SignIn_ConcurrentWrongPasswords_GetNoMorePasswordChecksThanTheLimit()
    {
        var client = bot.App.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => LoginAsync(client, "demo", "fel" + i, "203.0.113.99")));

        Assert.Equal(GuideSignInThrottle.MaxFailuresPerUserAndAddress, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(30 - GuideSignInThrottle.MaxFailuresPerUserAndAddress, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, Cancel);
    }

    internal static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/guide/login") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, Cancel);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetProperty("message").GetString()!;
}
