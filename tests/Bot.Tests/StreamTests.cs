using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bot.Tests.Security;
using Dialogs.Protocol;

namespace Bot.Tests;

/// <summary>The Direct Line WebSocket stream, on one bot shared by these tests: each works in conversations of its own.</summary>
public class StreamTests(SharedBot bot) : IClassFixture<SharedBot>
{
    private readonly BotApplication _app = bot.App;

    [Fact]
    public async Task Stream_ReplaysFromTheWatermark_ThenDeliversNewActivitiesInOrder()
    {
        var chat = await _app.StartChatAsync();
        var client = _app.Server.CreateWebSocketClient();
        using var socket = await client.ConnectAsync(new Uri(chat.StreamUrl.Replace("ws://localhost", "ws://localhost", StringComparison.Ordinal)), TestContext.Current.CancellationToken);

        var welcome = await ReceiveSetAsync(socket);
        await chat.PostMessageAsync("Var lämnar jag farligt avfall?", "ws-1");
        var received = new List<Activity>();
        while (!received.Any(a => a.Type == ActivityTypes.Trace))
        {
            received.AddRange(await ReceiveSetAsync(socket));
        }

        Assert.Contains(welcome, a => a.Text?.Contains("chattbot", StringComparison.Ordinal) == true);
        Assert.Equal("ws-1", received[0].ChannelDataString("clientActivityID"));
        Assert.Contains(received, a => a.Type == ActivityTypes.Message && a.From?.Role == "bot");
        var ids = welcome.Concat(received).Select(a => a.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    [Fact]
    public async Task Stream_WithTokenOfAnotherConversation_IsRefused()
    {
        var alice = await _app.StartChatAsync();
        var bob = await _app.StartChatAsync();
        var client = _app.Server.CreateWebSocketClient();
        var foreign = alice.StreamUrl[..alice.StreamUrl.IndexOf("&t=", StringComparison.Ordinal)] + "&t=" + bob.Token;

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(foreign), TestContext.Current.CancellationToken));
    }

    private static async Task<IReadOnlyList<Activity>> ReceiveSetAsync(WebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            Assert.True(result.EndOfMessage);
            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (text.Length == 0)
            {
                continue;
            }
            var set = JsonDocument.Parse(text).RootElement;
            Assert.True(set.TryGetProperty("watermark", out _));
            return set.GetProperty("activities").Deserialize<List<Activity>>(ActivityJson.Options)!;
        }
    }
}
