using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// The city's case system behind <c>FaultReports:WebhookUrl</c>: records every Open311 request it takes
    /// (reference and status), answers 503 while <see cref="Refusing"/>, and takes <see cref="Delay"/> per request.
    /// </summary>
    public sealed class FakeWebhook : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Reference, string Status)> _taken = new();
        private int _attempts;
        private int _inFlight;
        private bool _refusing;

        private FakeWebhook(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public bool Refusing
        {
            get => Volatile.Read(ref _refusing);
            set => Volatile.Write(ref _refusing, value);
        }

        public TimeSpan Delay { get; set; }

        /// <summary>Requests answered 503 or taken so far.</summary>
        public int Attempts => Volatile.Read(ref _attempts);

        public int InFlight => Volatile.Read(ref _inFlight);

        public IReadOnlyList<(string Reference, string Status)> Taken => [.. _taken];

        public int TakenFor(string reference) => _taken.Count(t => t.Reference == reference);

        public static async Task<FakeWebhook> StartAsync()
        {
            var port = BotProcess.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var fake = new FakeWebhook(app, $"http://127.0.0.1:{port}/open311/requests");
            app.MapPost("/open311/requests", async (HttpRequest request) =>
            {
                Interlocked.Increment(ref fake._inFlight);
                try
                {
                    using var body = await JsonDocument.ParseAsync(request.Body);
                    await Task.Delay(fake.Delay);
                    Interlocked.Increment(ref fake._attempts);
                    if (fake.Refusing)
                    {
                        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                    }
                    fake._taken.Enqueue((body.RootElement.GetProperty("service_request_id").GetString()!, body.RootElement.GetProperty("detailed_status").GetString()!));
                    return Results.StatusCode(StatusCodes.Status201Created);
                }
                finally
                {
                    Interlocked.Decrement(ref fake._inFlight);
                }
            });
            await app.StartAsync();
            return fake;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>
    /// An SMTP server on loopback that takes every message after <see cref="Delay"/> (so that a send takes long
    /// enough for two instances to race for it) and counts them by Message-ID.
    /// </summary>
    public sealed class FakeSmtp : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentDictionary<string, int> _messages = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private int _sessions;

        public FakeSmtp(TimeSpan delay)
        {
            Delay = delay;
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public TimeSpan Delay { get; }

        /// <summary>SMTP connections open right now.</summary>
        public int Sessions => Volatile.Read(ref _sessions);

        /// <summary>How many times a message with this Message-ID (without angle brackets) was taken.</summary>
        public int Received(string messageId) => _messages.GetValueOrDefault(messageId);

        public IReadOnlyDictionary<string, int> All => new Dictionary<string, int>(_messages);

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            Interlocked.Increment(ref _sessions);
            try
            {
                using (client)
                await using (var stream = client.GetStream())
                {
                    using var reader = new StreamReader(stream, Encoding.ASCII);
                    await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                    await writer.WriteLineAsync("220 fake-smtp ESMTP");
                    while (await reader.ReadLineAsync(_stop.Token) is { } line)
                    {
                        var command = line.Split(' ', 2)[0].ToUpperInvariant();
                        if (command == "DATA")
                        {
                            await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                            string? messageId = null;
                            while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                            {
                                if (data.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                                {
                                    messageId = data["Message-ID:".Length..].Trim().Trim('<', '>');
                                }
                            }
                            await Task.Delay(Delay, _stop.Token);
                            _messages.AddOrUpdate(messageId ?? "(none)", 1, (_, n) => n + 1);
                            await writer.WriteLineAsync("250 2.0.0 queued");
                        }
                        else if (command == "QUIT")
                        {
                            await writer.WriteLineAsync("221 bye");
                            return;
                        }
                        else
                        {
                            await writer.WriteLineAsync(command is "EHLO" or "HELO" ? "250 fake-smtp" : "250 OK");
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
            finally
            {
                Interlocked.Decrement(ref _sessions);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
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
