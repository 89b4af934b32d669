using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Knowledge;
using Knowledge.Analysis;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -c Release -- bench [FILE.jsonl …]</c>: measures start-up time, memory,
/// retrieval latency over the question files, and turn latency and throughput over Direct Line with
/// 50 and 200 concurrent conversations against a real server process on loopback.
/// </summary>
internal static class BenchCommand
{
    private const int TurnsPerConversation = 10;
    /// <summary>Residents read the answer and type the next question: 1–3 s between messages.</summary>
    private static readonly (int Min, int Max) ThinkMilliseconds = (1000, 3000);

    public static async Task<int> RunAsync(string[] args)
    {
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(CommandConfiguration.ResolveFile).OfType<string>().ToList();
        var questions = files.SelectMany(File.ReadLines)
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToList();
        if (questions.Count == 0)
        {
            Console.Error.WriteLine("Usage: dotnet run --project bot -c Release -- bench QUESTIONS.jsonl [MORE.jsonl]");
            return 2;
        }
        var (_, paths) = CommandConfiguration.Build(args);
        Console.WriteLine($"| measure | value |");
        Console.WriteLine($"|---|---|");
        Retrieval(paths.ContentDirectory, questions);
        await ServerAsync(questions);
        return 0;
    }

    private static void Retrieval(string contentDirectory, List<string> questions)
    {
        var (knowledge, _) = KnowledgeProvider.Open(contentDirectory);
        var index = knowledge!.Current;
        // Warm-up: JIT tiering and the lemma cache settle in the first rounds; we report steady state.
        for (var round = 0; round < 3; round++)
        {
            foreach (var question in questions)
            {
                index.Search(question, LanguageDetector.Detect(question));
            }
        }
        var times = new List<double>();
        var slowest = new Dictionary<string, double>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var question in questions)
            {
                var started = Stopwatch.GetTimestamp();
                index.Search(question, LanguageDetector.Detect(question));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                times.Add(elapsed);
                slowest[question] = Math.Max(slowest.GetValueOrDefault(question), elapsed);
            }
        }
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") is not null)
        {
            foreach (var (question, ms) in slowest.OrderByDescending(p => p.Value).Take(8))
            {
                Console.Error.WriteLine($"{ms,8:0.00} ms  {question}");
            }
        }
        Row($"retrieval latency, {questions.Count} questions × 5 (p50 / p99)", $"{Percentile(times, 50):0.00} ms / {Percentile(times, 99):0.00} ms");
    }

    private static async Task ServerAsync(List<string> questions)
    {
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "bot-bench-" + Guid.NewGuid().ToString("N"));
        var dll = Path.Combine(AppContext.BaseDirectory, "Bot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Hosting.BotPaths.DefaultContentRoot() ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Development: the guide console's demo account; Production would need configured guide accounts.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}", $"--Bot:DataDirectory={data}", "--DirectLine:TokensPerMinute=100000", "--Logging:LogLevel:Default=Warning" })
        {
            start.ArgumentList.Add(a);
        }
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            while (true)
            {
                try
                {
                    if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                if (clock.Elapsed > TimeSpan.FromSeconds(60) || server.HasExited)
                {
                    throw new InvalidOperationException($"The server did not start (exit code {(server.HasExited ? server.ExitCode : -1)}).");
                }
                await Task.Delay(20);
            }
            Row("start-up to /healthz 200 (process start, index build, database)", $"{clock.Elapsed.TotalSeconds:0.00} s");
            Row("memory (RSS) after start-up", $"{Rss(server.Id)} MB");
            // Warm-up (JIT, caches), not measured.
            await LoadAsync(http, questions, 20, report: false);
            foreach (var concurrency in new[] { 50, 200 })
            {
                await LoadAsync(http, questions, concurrency);
            }
            await SaturationAsync(http, questions);
            Row("memory (RSS) after the load", $"{Rss(server.Id)} MB");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task LoadAsync(HttpClient http, List<string> questions, int concurrency, bool report = true)
    {
        var latencies = new List<double>();
        var serverSide = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async resident =>
        {
            var random = new Random(resident);
            var token = await (await http.PostAsync("/api/directline/token", null)).Content.ReadFromJsonAsync<JsonElement>();
            var conversationId = token.GetProperty("conversationId").GetString()!;
            var bearer = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
            using (var startRequest = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = JsonContent.Create(new { }) })
            {
                startRequest.Headers.Authorization = bearer;
                (await http.SendAsync(startRequest)).EnsureSuccessStatusCode();
            }
            for (var turn = 0; turn < TurnsPerConversation; turn++)
            {
                await Task.Delay(random.Next(ThinkMilliseconds.Min, ThinkMilliseconds.Max));
                var text = questions[((resident * TurnsPerConversation) + turn) % questions.Count];
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
                {
                    Content = JsonContent.Create(new { type = "message", text, channelData = new { clientActivityID = $"{resident}-{turn}" } }),
                };
                request.Headers.Authorization = bearer;
                var started = Stopwatch.GetTimestamp();
                var response = await http.SendAsync(request);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var timing = ServerTiming.Turn(response);
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    if (timing is { } server)
                    {
                        serverSide.Add(server);
                    }
                    errors += response.IsSuccessStatusCode ? 0 : 1;
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        if (!report)
        {
            return;
        }
        Row($"turn latency at {concurrency} concurrent conversations, server-side (store + turn; p50 / p99)",
            $"{Percentile(serverSide, 50):0.0} ms / {Percentile(serverSide, 99):0.0} ms");
        Row($"turn latency at {concurrency} concurrent conversations, client round trip on loopback (p50 / p99)",
            $"{Percentile(latencies, 50):0.0} ms / {Percentile(latencies, 99):0.0} ms");
        Row($"throughput at {concurrency} concurrent conversations, 1–3 s between messages ({latencies.Count} turns, {errors} errors)", $"{latencies.Count / seconds:0} turns/s");
    }

    /// <summary>Back-to-back messages from 200 conversations: how many turns per second the machine can take.</summary>
    private static async Task SaturationAsync(HttpClient http, List<string> questions)
    {
        const int concurrency = 200;
        var count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async resident =>
        {
            var token = await (await http.PostAsync("/api/directline/token", null)).Content.ReadFromJsonAsync<JsonElement>();
            var conversationId = token.GetProperty("conversationId").GetString()!;
            var bearer = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
            for (var turn = 0; turn < 5; turn++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
                {
                    Content = JsonContent.Create(new { type = "message", text = questions[(resident + turn) % questions.Count] }),
                };
                request.Headers.Authorization = bearer;
                (await http.SendAsync(request)).EnsureSuccessStatusCode();
                Interlocked.Increment(ref count);
            }
        }));
        Row($"saturation: {concurrency} conversations sending back-to-back ({count} turns)", $"{count / clock.Elapsed.TotalSeconds:0} turns/s");
    }

    private static void Row(string measure, string value) => Console.WriteLine($"| {measure} | {value} |");

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static string Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (kb / 1024.0).ToString("0", CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
