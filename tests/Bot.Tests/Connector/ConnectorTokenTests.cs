using System.Net;
using Dialogs.Protocol;
using Microsoft.Extensions.Time.Testing;
using static Bot.Tests.Connector.ConnectorActivities;

namespace Bot.Tests.Connector;

/// <summary>Lifetimes on the connector's clock: the bot's token cache, and the signing keys' refresh on an unknown key id.</summary>
public class ConnectorTokenTests
{
    [Fact]
    public async Task TheBotsTokenIsCached_AndRenewedFiveMinutesBeforeItExpires()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        using var key = new TestSigningKey("key-1", "webchat");
        fake.PublishedKeys.Add(key);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = new ConnectorBot(fake, connectorClock: clock);
        async Task AskAsync(string id)
        {
            var response = await bot.PostActivityAsync(Message(fake, "token-conversation", "Hej", id: id), key.Sign(Claims(fake, clock.GetUtcNow())));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await fake.WaitForAsync(r => r.Any(x => x.ReplyToId == id && x.Activity.Type == ActivityTypes.Message));
        }

        await AskAsync("a-1");
        await AskAsync("a-2");
        clock.Advance(TimeSpan.FromMinutes(50));
        await AskAsync("a-3");
        var cached = fake.TokenRequests.Count;
        // The fake's tokens live 3599 s: five minutes before that the bot gets a new one.
        clock.Advance(TimeSpan.FromMinutes(5));
        await AskAsync("a-4");

        Assert.Equal(1, cached);
        Assert.Equal(2, fake.TokenRequests.Count);
        Assert.All(fake.Received.Where(x => x.ReplyToId is "a-1" or "a-2" or "a-3"), x => Assert.Equal("Bearer connector-token-1", x.Authorization));
        Assert.All(fake.Received.Where(x => x.ReplyToId == "a-4"), x => Assert.Equal("Bearer connector-token-2", x.Authorization));
    }

    [Fact]
    public async Task ANewSigningKey_IsFetchedOnItsFirstUse_AtMostOnceAMinute()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        using var oldKey = new TestSigningKey("key-old", "webchat");
        using var newKey = new TestSigningKey("key-new", "webchat");
        fake.PublishedKeys.Add(oldKey);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = new ConnectorBot(fake, connectorClock: clock);
        Task<HttpResponseMessage> PostAsync(TestSigningKey key, string id) =>
            bot.PostActivityAsync(Message(fake, "rotation-conversation", "Hej", id: id), key.Sign(Claims(fake, clock.GetUtcNow())));

        var withOld = await PostAsync(oldKey, "r-1");
        fake.PublishedKeys.Add(newKey);
        var tooSoon = await PostAsync(newKey, "r-2");
        var metadataFetches = fake.MetadataRequests;
        clock.Advance(TimeSpan.FromSeconds(61));
        var afterAMinute = await PostAsync(newKey, "r-3");

        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tooSoon.StatusCode);
        Assert.Equal(1, metadataFetches);
        Assert.Equal(HttpStatusCode.OK, afterAMinute.StatusCode);
        Assert.Equal(2, fake.MetadataRequests);
        await fake.WaitForAsync(r => r.Any(x => x.ReplyToId == "r-3"));
    }
}
