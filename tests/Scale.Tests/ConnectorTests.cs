using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Scale.Tests;

/// <summary>
/// The Bot Connector (/api/messages, Emulator-style in Development): an activity acknowledged to
/// Azure by an instance that dies before replying is answered once, by the other instance's replay or
/// on Azure's retry, never dropped as a duplicate and never answered twice.
/// </summary>
public sealed class ConnectorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_activity_acknowledged_by_an_instance_that_dies_is_answered_once_with_or_without_the_channels_retry()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var cluster = await Cluster.StartPostgresAsync(2, perInstance: i => i == 0 ? ["--Diagnostics:TurnDelayMilliseconds=30000"] : [], cancellationToken: Ct);
        var (a, b) = (cluster[0], cluster[1]);

        using (var first = await a.Http.PostAsJsonAsync("/api/messages", connector.Activity("conv-replayed", "act-1", "Hur skaffar jag bibliotekskort?"), Ct))
        {
            Assert.True(first.IsSuccessStatusCode);
        }
        using (var second = await a.Http.PostAsJsonAsync("/api/messages", connector.Activity("conv-retried", "act-2", "Var kan jag parkera?"), Ct))
        {
            Assert.True(second.IsSuccessStatusCode);
        }
        a.Kill();
        // Azure did not see the reply to act-2 and sends it again, now to B.
        using (var retry = await b.Http.PostAsJsonAsync("/api/messages", connector.Activity("conv-retried", "act-2", "Var kan jag parkera?"), Ct))
        {
            Assert.True(retry.IsSuccessStatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (connector.RepliesTo("act-1") == 0 || connector.RepliesTo("act-2") == 0))
        {
            await Task.Delay(200, Ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // a second answer would come within the replay interval
        Assert.True(connector.RepliesTo("act-1") == 1, $"act-1 got {connector.RepliesTo("act-1")} text replies:\n{cluster.Logs}");
        Assert.True(connector.RepliesTo("act-2") == 1, $"act-2 got {connector.RepliesTo("act-2")} text replies:\n{cluster.Logs}");
    }

    /// <summary>A channel's connector: receives the bot's replies and counts the text messages per activity answered.</summary>
    private sealed class FakeConnector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _replies = new();

        private FakeConnector(WebApplication app, string serviceUrl)
        {
            _app = app;
            ServiceUrl = serviceUrl;
        }

        public string ServiceUrl { get; }

        public int RepliesTo(string activityId) => _replies.GetValueOrDefault(activityId);

        public object Activity(string conversation, string id, string text) => new
        {
            type = "message", id, text, channelId = "emulator", serviceUrl = ServiceUrl, locale = "sv-SE",
            from = new { id = "resident-" + conversation, name = "Resident" }, recipient = new { id = "bot", name = "Bot" },
            conversation = new { id = conversation }, timestamp = DateTimeOffset.UtcNow,
        };

        public static async Task<FakeConnector> StartAsync()
        {
            var port = BotProcess.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var fake = new FakeConnector(app, $"http://127.0.0.1:{port}/");
            app.MapPost("/v3/conversations/{conversation}/activities/{**rest}", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var root = body.RootElement;
                if (root.GetProperty("type").GetString() == "message" && root.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() is { } id)
                {
                    fake._replies.AddOrUpdate(id, 1, (_, n) => n + 1);
                }
                return Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            await app.StartAsync();
            return fake;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
