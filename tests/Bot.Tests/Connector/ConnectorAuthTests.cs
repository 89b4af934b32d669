using System.Net;
using Dialogs.Protocol;
using static Bot.Tests.Connector.ConnectorActivities;

namespace Bot.Tests.Connector;

/// <summary>One fake Azure Bot Service and one bot (with an app id) shared by the authentication tests.</summary>
public sealed class ConnectorAuthFixture : IAsyncLifetime
{
    internal FakeBotFramework Fake { get; private set; } = null!;
    internal ConnectorBot Bot { get; private set; } = null!;
    internal TestSigningKey Key { get; } = new("key-1", "webchat", "msteams", "directline");

    public async ValueTask InitializeAsync()
    {
        Fake = await FakeBotFramework.StartAsync();
        Fake.PublishedKeys.Add(Key);
        Bot = new ConnectorBot(Fake);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>
/// <c>POST /api/messages</c> over real HTTP with tokens signed by the tests' own keys: the bot answers
/// only authentic activities, and its replies reach the fake connector with its own bearer token.
/// </summary>
public class ConnectorAuthTests(ConnectorAuthFixture fixture) : IClassFixture<ConnectorAuthFixture>
{
    private FakeBotFramework Fake => fixture.Fake;

    [Fact]
    public async Task ValidToken_Is200_AndTheReplyArrivesAtTheConnector_WithTheBotsToken()
    {
        var conversationId = "a:1Kq2JH_valid;messageid=17";
        var token = fixture.Key.Sign(Claims(Fake, DateTimeOffset.UtcNow));

        var response = await fixture.Bot.PostActivityAsync(Message(Fake, conversationId, "Hur skaffar jag ett bibliotekskort?", id: "act-17"), token);
        var received = await Fake.WaitForAsync(r => r.Any(x => x.ConversationId == conversationId && x.Activity.Type == ActivityTypes.Message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", fixture.Bot.CreateClient().BaseAddress!.Host);
        var reply = received.First(x => x.ConversationId == conversationId && x.Activity.Type == ActivityTypes.Message);
        Assert.Equal($"/connector/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/act-17", reply.Path);
        Assert.Equal(conversationId, reply.ConversationId);
        Assert.Equal("act-17", reply.ReplyToId);
        Assert.StartsWith("Bearer connector-token-", reply.Authorization, StringComparison.Ordinal);
        Assert.Contains("legitimation", reply.Activity.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(conversationId, reply.Activity.Conversation!.Id);
        Assert.Equal(UserId, reply.Activity.Recipient!.Id);
        Assert.Equal(BotAccountId, reply.Activity.From!.Id);
        Assert.Equal("webchat", reply.Activity.ChannelId);
        Assert.DoesNotContain(received, x => x.Activity.Type == ActivityTypes.Trace);
        var tokenRequest = Fake.TokenRequests[0];
        Assert.Equal("client_credentials", tokenRequest["grant_type"]);
        Assert.Equal(ConnectorBot.AppId, tokenRequest["client_id"]);
        Assert.Equal(ConnectorBot.AppPassword, tokenRequest["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest["scope"]);
    }

    [Theory]
    [InlineData("no token")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("expired")]
    [InlineData("not yet valid")]
    [InlineData("bad signature")]
    [InlineData("unknown kid")]
    [InlineData("serviceurl mismatch")]
    [InlineData("no serviceurl claim")]
    [InlineData("channel not endorsed")]
    [InlineData("not a jwt")]
    [InlineData("HS256")]
    public async Task InvalidToken_Is401_AndNothingIsSent(string problem)
    {
        var conversationId = "rejected-" + problem.Replace(' ', '-');
        var now = DateTimeOffset.UtcNow;
        var claims = Claims(Fake, now);
        var channelId = "webchat";
        string? token;
        switch (problem)
        {
            case "no token":
                token = null;
                break;
            case "wrong audience":
                claims["aud"] = "99999999-0000-0000-0000-000000000000";
                token = fixture.Key.Sign(claims);
                break;
            case "wrong issuer":
                claims["iss"] = "https://sts.windows.net/some-tenant/";
                token = fixture.Key.Sign(claims);
                break;
            case "expired":
                claims["nbf"] = now.AddHours(-2).ToUnixTimeSeconds();
                claims["exp"] = now.AddMinutes(-6).ToUnixTimeSeconds();
                token = fixture.Key.Sign(claims);
                break;
            case "not yet valid":
                claims["nbf"] = now.AddMinutes(6).ToUnixTimeSeconds();
                token = fixture.Key.Sign(claims);
                break;
            case "bad signature":
                using (var impostor = new TestSigningKey("impostor"))
                {
                    token = impostor.Sign(claims, keyIdInHeader: fixture.Key.KeyId);
                }
                break;
            case "unknown kid":
                using (var unknown = new TestSigningKey("key-nobody-published", "webchat"))
                {
                    token = unknown.Sign(claims);
                }
                break;
            case "serviceurl mismatch":
                token = fixture.Key.Sign(Claims(Fake, now, serviceUrl: "https://attacker.example/"));
                break;
            case "no serviceurl claim":
                claims.Remove("serviceurl");
                token = fixture.Key.Sign(claims);
                break;
            case "channel not endorsed":
                channelId = "facebook";
                token = fixture.Key.Sign(claims);
                break;
            case "not a jwt":
                token = "this-is-not-a-jwt";
                break;
            case "HS256":
                var valid = fixture.Key.Sign(claims).Split('.');
                var header = Convert.ToBase64String("{\"alg\":\"HS256\",\"kid\":\"key-1\"}"u8.ToArray()).TrimEnd('=');
                token = $"{header}.{valid[1]}.{valid[2]}";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem));
        }

        var response = await fixture.Bot.PostActivityAsync(Message(Fake, conversationId, "Hur skaffar jag ett bibliotekskort?", channelId: channelId), token);
        // A valid activity after it: once its reply has arrived, the rejected one would have been answered too.
        var marker = "after-" + conversationId;
        await fixture.Bot.PostActivityAsync(Message(Fake, marker, "Hej"), fixture.Key.Sign(Claims(Fake, now)));
        var received = await Fake.WaitForAsync(r => r.Any(x => x.ConversationId == marker && x.Activity.Type == ActivityTypes.Message));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(received, x => x.ConversationId == conversationId);
        Assert.Contains(fixture.Bot.LogLines, line => line.Contains("Bot Connector request rejected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadActivity_Is400_WithAJsonError()
    {
        var token = fixture.Key.Sign(Claims(Fake, DateTimeOffset.UtcNow));

        var noConversation = await fixture.Bot.PostActivityAsync(new { type = "message", channelId = "webchat", serviceUrl = Fake.ServiceUrl, text = "Hej" }, token);
        var noServiceUrl = await fixture.Bot.PostActivityAsync(new { type = "message", channelId = "webchat", conversation = new { id = "c" }, text = "Hej" }, token);

        Assert.Equal(HttpStatusCode.BadRequest, noConversation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noServiceUrl.StatusCode);
        Assert.Contains("\"code\":\"BadArgument\"", await noConversation.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameActivityPostedTwice_IsAnsweredOnce()
    {
        var conversationId = "retried-conversation";
        var activity = Message(Fake, conversationId, "Hur skaffar jag ett bibliotekskort?", id: "retried-1");
        string Token() => fixture.Key.Sign(Claims(Fake, DateTimeOffset.UtcNow));

        var first = await fixture.Bot.PostActivityAsync(activity, Token());
        var second = await fixture.Bot.PostActivityAsync(activity, Token());
        await fixture.Bot.PostActivityAsync(Message(Fake, conversationId, "Tack!", id: "retried-2"), Token());
        // The same first question in a fresh conversation shows how many messages one answer takes.
        await fixture.Bot.PostActivityAsync(Message(Fake, "control-conversation", "Hur skaffar jag ett bibliotekskort?", id: "control-1"), Token());
        await fixture.Bot.PostActivityAsync(Message(Fake, "control-conversation", "Tack!", id: "control-2"), Token());
        var received = await Fake.WaitForAsync(r => r.Any(x => x.ReplyToId == "retried-2" && x.Activity.Type == ActivityTypes.Message)
            && r.Any(x => x.ReplyToId == "control-2" && x.Activity.Type == ActivityTypes.Message));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var answers = received.Count(x => x.ReplyToId == "retried-1" && x.Activity.Type == ActivityTypes.Message);
        Assert.True(answers > 0);
        Assert.Equal(received.Count(x => x.ReplyToId == "control-1" && x.Activity.Type == ActivityTypes.Message), answers);
    }
}
