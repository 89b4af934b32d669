using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet Bot.dll load --url URL --conversations N [--seconds S] [--protocol directline|connector]</c>:
/// drives N conversations that send back-to-back (saturation) against a running bot, or a load
/// balancer in front of several, and prints one Markdown table row: turns/s, the server-side turn
/// time (<c>Server-Timing</c>, Direct Line) and the client round trip, p50 and p99.
/// <c>connector</c> speaks the Bot Framework's <c>/api/messages</c> in the Emulator's anonymous style
/// and receives the replies on a fake connector of its own, so the same driver measures any Bot
/// Framework bot (the anchor in <c>bench/scale.sh</c>: an echo bot on the Microsoft 365 Agents SDK).
/// </summary>
internal static class LoadCommand
{
    private static readonly string[] Questions =
    [
        "Hur skaffar jag bibliotekskort?", "Var kan jag parkera?", "När töms soptunnan?", "Vad kostar bygglov?",
        "Hur ansöker jag om förskola?", "När öppnar Valhallabadet?", "Hur söker man hemtjänst?", "Vem plogar min gata?",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal) && x.i + 1 < args.Length)
            .ToDictionary(x => x.a[2..], x => args[x.i + 1], StringComparer.OrdinalIgnoreCase);
        if (!options.TryGetValue("url", out var url) || !options.TryGetValue("conversations", out var countText))
        {
            Console.Error.WriteLine("Usage: dotnet Bot.dll load --url http://127.0.0.1:8080 --conversations 200 [--seconds 20] [--protocol directline|connector] [--label TEXT] [--text hej]");
            return 2;
        }
        var conversations = int.Parse(countText, CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture));
        var label = options.GetValueOrDefault("label", url);
        var fixedText = options.GetValueOrDefault("text");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(60),
        };
        var result = options.GetValueOrDefault("protocol", "directline") == "connector"
            ? await ConnectorAsync(http, conversations, duration, fixedText)
            : await DirectLineAsync(http, conversations, duration, fixedText);
        Console.WriteLine(FormattableString.Invariant(
            $"| {label} | {conversations} | {result.Turns / result.Seconds:0} | {Percentile(result.Server, 0.5)} / {Percentile(result.Server, 0.99)} | {Percentile(result.Client, 0.5)} / {Percentile(result.Client, 0.99)} | {result.Errors} |"));
        return 0;
    }

    private sealed record Result(int Turns, double Seconds, List<double> Server, List<double> Client, int Errors);

    private static async Task<Result> DirectLineAsync(HttpClient http, int count, TimeSpan duration, string? fixedText)
    {
        var chats = new List<(string Id, string Token)>();
        var errors = 0;
        foreach (var chunk in Enumerable.Range(0, count).Chunk(50))
        {
            var opened = await Task.WhenAll(chunk.Select(async _ =>
            {
                try
                {
                    using var response = await http.PostAsync("api/directline/token", null);
                    response.EnsureSuccessStatusCode();
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    var (id, token) = (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
                    using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations") { Content = JsonContent.Create(new { }) };
                    start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var started = await http.SendAsync(start);
                    return ((string Id, string Token)?)(id, token);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // A conversation that could not be opened (an overloaded server) counts as an error, and the run goes on without it.
                    Interlocked.Increment(ref errors);
                    return null;
                }
            }));
            chats.AddRange(opened.OfType<(string Id, string Token)>());
        }
        var server = new ConcurrentBag<double>();
        var client = new ConcurrentBag<double>();
        var turns = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(chats.Select(async (chat, c) =>
        {
            for (var i = 0; watch.Elapsed < duration; i++)
            {
                var text = fixedText ?? Questions[(c + i) % Questions.Length];
                using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{chat.Id}/activities")
                {
                    Content = JsonContent.Create(new { type = "message", text, from = new { id = "load" } }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", chat.Token);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    client.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                    Interlocked.Increment(ref turns);
                    if (ServerTiming.Turn(response) is { } value)
                    {
                        server.Add(value);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return new Result(turns, watch.Elapsed.TotalSeconds, [.. server], [.. client], errors);
    }

    /// <summary>Bot Framework traffic as the Emulator sends it; a turn ends when its reply reaches our fake connector.</summary>
    private static async Task<Result> ConnectorAsync(HttpClient http, int count, TimeSpan duration, string? fixedText)
    {
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource>();
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var connector = builder.Build();
        connector.MapPost("/v3/conversations/{conversation}/activities/{**rest}", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            if (body.RootElement.GetProperty("type").GetString() == "message"
                && body.RootElement.TryGetProperty("replyToId", out var replyTo) && waiting.TryRemove(replyTo.GetString()!, out var done))
            {
                done.TrySetResult();
            }
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await connector.StartAsync();
        var serviceUrl = $"http://127.0.0.1:{port}/";
        var client = new ConcurrentBag<double>();
        var errors = 0;
        var turns = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async c =>
        {
            var conversation = "load-" + Guid.NewGuid().ToString("N");
            for (var i = 0; watch.Elapsed < duration; i++)
            {
                var id = $"{conversation}-{i}";
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting[id] = done;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync("api/messages", new
                    {
                        type = "message", id, text = fixedText ?? Questions[(c + i) % Questions.Length], channelId = "emulator", serviceUrl,
                        from = new { id = "user-" + c, name = "Load" }, recipient = new { id = "bot", name = "Bot" },
                        conversation = new { id = conversation }, timestamp = DateTimeOffset.UtcNow, locale = "sv-SE",
                    });
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        waiting.TryRemove(id, out _);
                        continue;
                    }
                    await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    client.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref turns);
                }
                catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
                {
                    Interlocked.Increment(ref errors);
                    waiting.TryRemove(id, out _);
                }
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        await connector.StopAsync();
        return new Result(turns, seconds, [], [.. client], errors);
    }

    private static string Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return "–";
        }
        values.Sort();
        return (values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)]).ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
