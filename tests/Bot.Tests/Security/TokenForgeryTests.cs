using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Tests.Security;

/// <summary>
/// Issue 12 §2: an upload link's signature must never be usable as a Direct Line token. The attack: a file
/// name that is the payload of a token for another conversation, so that the link's signature over
/// "path:{conversation}/{stored name}" is an HS256 signature over "{header}.{payload}" with a header the
/// server never looked at.
/// </summary>
[Collection(ResidentAttacks.Name)]
public sealed class TokenForgeryTests(ResidentBot bot)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUploadLinkSignature_CannotBeTurnedIntoATokenForAnotherConversation()
    {
        var app = bot.App;
        var victim = await app.StartChatAsync();
        await victim.PostMessageAsync("Min adress är Götabergsgatan 20");
        var attacker = await app.StartChatAsync();
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { conv = victim.ConversationId, user = "u", exp = 9_999_999_999L }));

        var upload = await Uploads.SendAsync(attacker, ("x." + payload, TestFiles.Png, "image/png"));
        var link = new Uri(await Uploads.LastLinkAsync(attacker));
        var signature = QueryHelpers.ParseQuery(link.Query)["sig"].ToString();
        var stored = Uri.UnescapeDataString(link.Segments[^1]);
        var signedName = stored[..stored.LastIndexOf('.')];
        var signedPayload = stored[(stored.LastIndexOf('.') + 1)..];
        var forged = $"path:{attacker.ConversationId}/{signedName}.{signedPayload}.{signature}";
        var read = await victim.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{victim.ConversationId}/activities", token: forged);
        var write = await victim.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{victim.ConversationId}/activities",
            new { type = "message", text = "Hej från angriparen" }, token: forged);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.DoesNotContain("Götabergsgatan", await read.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var (activities, _) = await victim.GetActivitiesAsync();
        Assert.DoesNotContain(activities, a => a.Text == "Hej från angriparen");
    }

    [Fact]
    public async Task ATokenWithAnotherHeader_IsRejected_EvenWithItsOwnSignature()
    {
        var app = bot.App;
        var chat = await app.StartChatAsync();
        var parts = chat.Token.Split('.');
        string Header(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

        var none = $"{Header("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
        var otherHeader = $"{Header("""{"alg":"HS256","typ":"JWT","kid":"x"}""")}.{parts[1]}.{parts[2]}";

        foreach (var token in new[] { none, otherHeader })
        {
            var response = await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities", token: token);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities")).StatusCode);
    }
}
