using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Bot.FaultReports;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>The optional webhook for the city's case system.</summary>
public class FaultReportWebhookTests
{
    [Fact]
    public async Task NewReport_IsPostedToTheWebhookAsOpen311Json()
    {
        var received = new TaskCompletionSource<(Uri?, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Bot:Now"] = "2026-11-24T10:00:00+01:00",
            ["FaultReports:WebhookUrl"] = "https://cases.example.se/open311/requests",
        });
        await using var hooked = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddHttpClient(FaultReportWebhook.ClientName).ConfigurePrimaryHttpMessageHandler(() => new RecordingHandler(received))));
        var client = hooked.CreateClient();
        var token = JsonDocument.Parse(await (await client.PostAsync("/api/directline/token", null, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var resident = new ResidentChat(client, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        await resident.SendAsync(HttpMethod.Post, "/v3/directline/conversations", new { locale = "sv-SE" });

        await resident.PostMessageAsync("Det finns ett stort potthål på Eklandagatan vid nummer 40.");
        await resident.PostMessageAsync("ja");
        await resident.PostMessageAsync("hoppa över");
        await resident.PostMessageAsync("hoppa över");
        var (url, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("https://cases.example.se/open311/requests", url?.ToString());
        var request = JsonDocument.Parse(body).RootElement;
        Assert.Equal("FR-2026-000001", request.GetProperty("service_request_id").GetString());
        Assert.Equal("road", request.GetProperty("service_code").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("Eklandagatan vid nummer 40", request.GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_report_the_case_system_did_not_take_is_delivered_once_after_a_restart()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bot:Now"] = "2026-11-24T10:00:00+01:00",
            ["FaultReports:WebhookUrl"] = "https://cases.example.se/open311/requests",
            ["FaultReports:WebhookRetrySeconds"] = "1",
        };
        var data = Path.Combine(Path.GetTempPath(), "bot-test-" + Guid.NewGuid().ToString("N"));
        var down = new CaseSystem(HttpStatusCode.ServiceUnavailable);
        await using (var app = new BotApplication(data, settings))
        await using (var hooked = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddHttpClient(FaultReportWebhook.ClientName).ConfigurePrimaryHttpMessageHandler(() => down))))
        {
            var resident = await StartChatAsync(hooked.CreateClient());
            await FileReportAsync(resident);
            await WaitUntilAsync(() => down.Requests.Count > 0);
        }

        var up = new CaseSystem(HttpStatusCode.Created);
        await using var restarted = new BotApplication(data, settings);
        await using var hookedAgain = restarted.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddHttpClient(FaultReportWebhook.ClientName).ConfigurePrimaryHttpMessageHandler(() => up)));
        _ = hookedAgain.CreateClient();
        await WaitUntilAsync(() => up.Requests.Count > 0);

        var delivered = Assert.Single(up.Requests);
        Assert.Equal("FR-2026-000001", JsonDocument.Parse(delivered).RootElement.GetProperty("service_request_id").GetString());
    }

    private static async Task<ResidentChat> StartChatAsync(HttpClient client)
    {
        var token = JsonDocument.Parse(await (await client.PostAsync("/api/directline/token", null, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var resident = new ResidentChat(client, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        await resident.SendAsync(HttpMethod.Post, "/v3/directline/conversations", new { locale = "sv-SE" });
        return resident;
    }

    private static async Task FileReportAsync(ResidentChat resident)
    {
        foreach (var text in (string[])["Det finns ett stort potthål på Eklandagatan vid nummer 40.", "ja", "hoppa över", "hoppa över"])
        {
            await resident.PostMessageAsync(text);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited 30 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The city's case system: answers every request with one status and keeps the bodies.</summary>
    private sealed class CaseSystem(HttpStatusCode status) : HttpMessageHandler
    {
        public ConcurrentQueue<string> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(status);
        }
    }

    private sealed class RecordingHandler(TaskCompletionSource<(Uri?, string)> received) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            received.TrySetResult((request.RequestUri, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.Created);
        }
    }
}
