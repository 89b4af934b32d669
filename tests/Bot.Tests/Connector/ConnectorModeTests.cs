using System.Net;
using Bot.Guides;
using Dialogs.Protocol;
using static Bot.Tests.Connector.ConnectorActivities;

namespace Bot.Tests.Connector;

/// <summary>Without a MicrosoftAppId: Emulator-style traffic in Development only.</summary>
public class ConnectorModeTests
{
    [Fact]
    public async Task NoAppId_InDevelopment_AcceptsUnauthenticatedTraffic_AndRepliesWithoutAToken()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        await using var bot = new ConnectorBot(fake, withAppId: false);

        var update = await bot.PostActivityAsync(new
        {
            type = "conversationUpdate",
            id = "update-1",
            channelId = "emulator",
            serviceUrl = fake.ServiceUrl,
            from = new { id = UserId, name = "User" },
            recipient = new { id = BotAccountId, name = "Bot" },
            conversation = new { id = "emulator-conversation" },
            membersAdded = new[] { new { id = BotAccountId }, new { id = UserId } },
        }, token: null);
        var greeting = await fake.WaitForAsync(r => r.Any(x => x.Activity.Type == ActivityTypes.Message));
        var message = await bot.PostActivityAsync(Message(fake, "emulator-conversation", "Hur skaffar jag ett bibliotekskort?", id: "m-1", channelId: "emulator"), token: null);
        var received = await fake.WaitForAsync(r => r.Any(x => x.ReplyToId == "m-1" && x.Activity.Type == ActivityTypes.Trace));

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        Assert.Contains("Göteborgs Stad", greeting.First(x => x.Activity.Type == ActivityTypes.Message).Activity.Text, StringComparison.Ordinal);
        Assert.Contains(received, x => x.ReplyToId == "m-1" && x.Activity.Text?.Contains("legitimation", StringComparison.OrdinalIgnoreCase) == true);
        Assert.All(received, x => Assert.Equal("", x.Authorization));
        Assert.Empty(fake.TokenRequests);
        Assert.Equal(0, fake.MetadataRequests);
    }

    [Fact]
    public async Task NoAppId_InProduction_RefusesEverything()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        await using var bot = new ConnectorBot(fake, withAppId: false, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Guides:Accounts:0:UserName"] = "anna",
            ["Guides:Accounts:0:DisplayName"] = "Anna",
            ["Guides:Accounts:0:PasswordHash"] = GuidePasswordHasher.Hash("a long test password", GuidePasswordHasher.MinIterations),
            ["Guides:Accounts:0:Groups:0"] = "Allmänna frågor",
        });

        var response = await bot.PostActivityAsync(Message(fake, "production-conversation", "Hej", channelId: "emulator"), token: null);
        var health = await bot.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // Refused before anything was stored, so no turn can be running that would reply later.
        Assert.Empty(fake.Received);
        Assert.Contains(bot.LogLines, line => line.Contains("no MicrosoftAppId configured", StringComparison.Ordinal));
    }
}
