using System.Net;
using System.Net.Sockets;
using Bot.Tests.Connector;
using static Bot.Tests.Connector.ConnectorActivities;

namespace Bot.Tests.Security;

/// <summary>Issue 12 §8: without an app id (Emulator mode, Development) /api/messages replies only to loopback serviceUrls.</summary>
public sealed class EmulatorModeTests
{
    [Fact]
    public async Task EmulatorMode_RefusesAServiceUrlOffThisMachine_AndCallsNothingThere()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        await using var bot = new ConnectorBot(fake, withAppId: false);
        var external = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Parse("192.0.2.1");
        using var target = new TcpListener(external, 0);
        var listening = external.ToString() != "192.0.2.1";
        if (listening)
        {
            target.Start();
        }
        var port = listening ? ((IPEndPoint)target.LocalEndpoint).Port : 9;
        var internalService = $"http://{external}:{port}/";

        var elsewhere = await bot.PostActivityAsync(Message(fake, "ssrf-conversation", "Hej", id: "m-1", channelId: "emulator", serviceUrl: internalService), token: null);
        var metadata = await bot.PostActivityAsync(Message(fake, "ssrf-2", "Hej", id: "m-2", channelId: "emulator", serviceUrl: "http://169.254.169.254/latest/"), token: null);
        var local = await bot.PostActivityAsync(Message(fake, "local-conversation", "Hej", id: "m-3", channelId: "emulator"), token: null);

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        await fake.WaitForAsync(r => r.Any(x => x.ReplyToId == "m-3"));
        // Refused before anything was stored or started, so nothing can still be on its way.
        Assert.False(listening && target.Pending(), "The bot connected to the non-loopback serviceUrl.");
        Assert.Contains(bot.LogLines, line => line.Contains("serviceUrl is not a loopback address", StringComparison.Ordinal));
    }
}
