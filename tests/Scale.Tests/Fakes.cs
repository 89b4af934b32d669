using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Scale.Tests;

/// <summary>The outside services the channels talk to, played on loopback by the tests.</summary>
internal static class Fakes
{
    /// <summary>Meta's Send API, recording the text messages sent to each resident.</summary>
    public sealed class FakeGraph : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _texts = new();

        private FakeGraph(WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public int TextsTo(string psid) => _texts.GetValueOrDefault(psid);

        public static async Task<FakeGraph> StartAsync()
        {
            var port = BotProcess.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var fake = new FakeGraph(app, $"http://127.0.0.1:{port}/v21.0");
            app.MapPost("/v21.0/me/messages", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var recipient = body.RootElement.GetProperty("recipient").GetProperty("id").GetString()!;
                if (body.RootElement.TryGetProperty("message", out var message) && message.TryGetProperty("text", out _))
                {
                    fake._texts.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                }
                return Results.Json(new { recipient_id = recipient, message_id = "m_" + Guid.NewGuid().ToString("N") });
            });
            await app.StartAsync();
            return fake;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>A channel's connector: receives the bot's replies and counts the text messages per activity answered.</summary>
    public sealed class FakeConnector : IAsyncDisposable
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

    public const string PageId = "104729384756102";
    public const string AppSecret = "scale-test-app-secret";

    public static readonly string[] MessengerSettings =
        ["--Messenger:AppSecret=" + AppSecret, "--Messenger:PageAccessToken=EAAscale", "--Messenger:VerifyToken=scale-verify", "--Messenger:RetryDelayMilliseconds=5"];

    /// <summary>A webhook delivery of one text message, signed as Meta signs it.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient instance, string psid, string mid, string text)
    {
        var body = JsonSerializer.Serialize(new
        {
            @object = "page",
            entry = new[]
            {
                new
                {
                    id = PageId,
                    time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    messaging = new[] { new { sender = new { id = psid }, recipient = new { id = PageId }, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), message = new { mid, text } } },
                },
            },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messenger") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(body))).ToLowerInvariant());
        return await instance.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
