using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.FaultReports;
using Bot.Storage.Postgres;
using Dialogs.FaultReports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Scale.Tests;

/// <summary>Background work with two instances: done once, whichever instance took it in and whether or not it survives.</summary>
public sealed class BackgroundWorkTests
{
    private const string PageId = "104729384756102";
    private const string AppSecret = "scale-test-app-secret";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messenger_events_acknowledged_by_an_instance_that_dies_are_answered_once_by_the_other()
    {
        await using var graph = await FakeGraph.StartAsync();
        string[] messenger = ["--Messenger:AppSecret=" + AppSecret, "--Messenger:PageAccessToken=EAAscale", "--Messenger:VerifyToken=scale-verify",
            $"--Messenger:GraphApiBaseUrl={graph.BaseUrl}", "--Messenger:RetryDelayMilliseconds=5"];
        // A acknowledges events but has not processed them when it is killed (processing paused there).
        await using var cluster = await Cluster.StartPostgresAsync(2, shared: messenger,
            perInstance: i => i == 0 ? ["--Messenger:PauseProcessing=true"] : [], cancellationToken: Ct);
        var residents = Enumerable.Range(0, 6).Select(i => $"77000000000000{i:D2}").ToList();

        foreach (var (psid, i) in residents.Select((p, i) => (p, i)))
        {
            using var response = await DeliverAsync(cluster[0].Http, psid, $"m_scale_{i}", "Hur skaffar jag bibliotekskort?");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
        cluster[0].Kill();
        // Meta redelivers what it thinks was not acknowledged; B must not answer those twice either.
        using (await DeliverAsync(cluster[1].Http, residents[0], "m_scale_0", "Hur skaffar jag bibliotekskort?"))
        {
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && residents.Any(r => graph.TextsTo(r) == 0))
        {
            await Task.Delay(200, Ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // a second answer would come within the poll interval
        Assert.All(residents, r => Assert.True(graph.TextsTo(r) == 1, $"{r} got {graph.TextsTo(r)} answers:\n{cluster.Logs}"));
    }

    [Fact]
    public async Task Fault_report_references_stay_unique_and_sequential_when_two_instances_file_at_once()
    {
        var connection = await ScaleServers.NewDatabaseAsync();
        await using var first = new PostgresDatabase(connection);
        await using var second = new PostgresDatabase(connection);
        PostgresSchema.Migrate(first);
        var stores = new[] { new PostgresFaultReportStore(first), new PostgresFaultReportStore(second) };
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

        var reports = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => stores[i % 2].CreateAsync(
            new NewFaultReport("gatubelysning", $"Lampa {i}", "Lyser inte", null, null, "sv", $"c{i}", "directline", at), Ct)));

        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"FR-2026-{n:D6}"), reports.Select(r => r.Reference).Order());
    }

    [Fact]
    public async Task Migrations_run_once_when_several_instances_start_at_the_same_moment()
    {
        var connection = await ScaleServers.NewDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connection)).ToList();
        try
        {
            var applied = await Task.WhenAll(databases.Select(d => Task.Run(() => PostgresSchema.Migrate(d), Ct)));
            Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), applied.SelectMany(a => a).Order());
            Assert.Equal(PostgresSchema.Migrations.Count, await databases[0].ScalarAsync<long>("SELECT count(*) FROM schema_migrations", Ct));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient instance, string psid, string mid, string text)
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
        return await instance.SendAsync(request, Ct);
    }

    /// <summary>Meta's Send API, recording the text messages sent to each resident.</summary>
    private sealed class FakeGraph : IAsyncDisposable
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
}
