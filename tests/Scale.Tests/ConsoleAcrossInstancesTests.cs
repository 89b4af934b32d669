using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Scale.Tests;

/// <summary>
/// Two instances on PostgreSQL and Redis, on Christmas Eve (the contact center is closed, so a request for a
/// person becomes a left message), with e-mail replies to a slow SMTP server, the fault-report webhook to a
/// slow case system, and a small upload quota per conversation.
/// </summary>
public sealed class ConsoleInstances : IAsyncLifetime
{
    internal Fakes.FakeSmtp Smtp { get; } = new(TimeSpan.FromSeconds(1));

    internal Fakes.FakeWebhook Webhook { get; private set; } = null!;

    internal Cluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Webhook = await Fakes.FakeWebhook.StartAsync();
        Webhook.Delay = TimeSpan.FromSeconds(1);
        Cluster = await Cluster.StartPostgresAsync(2, shared:
        [
            "--Bot:Now=2026-12-24T11:00:00+01:00",
            "--Email:SmtpHost=127.0.0.1", $"--Email:SmtpPort={Smtp.Port}", "--Email:Security=None", "--Email:From=kontaktcenter@example.se", "--Email:RetrySeconds=1",
            $"--FaultReports:WebhookUrl={Webhook.Url}", "--FaultReports:WebhookRetrySeconds=1",
            "--Uploads:MaxBytesPerConversation=1500000",
        ], cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Webhook.DisposeAsync();
        Smtp.Dispose();
    }
}

/// <summary>
/// What the security and console work keeps (sessions, throttles, quotas, saved replies, alerts, the case
/// history, e-mail and webhook outboxes) is shared by the instances, and each outbox item goes out once.
/// </summary>
public sealed class ConsoleAcrossInstancesTests(ConsoleInstances instances) : IClassFixture<ConsoleInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sign_in_throttle_counts_the_failures_on_every_instance()
    {
        var (a, b) = (instances.Cluster[0].Http, instances.Cluster[1].Http);
        const string guesser = "203.0.113.77";

        // Ten wrong passwords, half through each instance: each instance alone has seen only five.
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await Guide.TrySignInAsync(i % 2 == 0 ? a : b, "fel" + i, guesser);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var throttled = await Guide.TrySignInAsync(a, "demo", guesser);
        using var elsewhere = await Guide.TrySignInAsync(b, "demo", "198.51.100.20");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_console_cookie_from_one_instance_works_on_the_other_until_the_guide_signs_out_there()
    {
        var (a, b) = (instances.Cluster[0], instances.Cluster[1]);
        using var browserA = CookieFreeClient(a);
        using var browserB = CookieFreeClient(b);
        using var signIn = await browserA.PostAsync("/guide/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "demo", ["password"] = "demo" }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("guide=", StringComparison.Ordinal)).Split(';')[0];

        using var onB = await WithCookie(browserB, HttpMethod.Get, "/api/guide/me", cookie);
        using var signOutOnB = await WithCookie(browserB, HttpMethod.Post, "/guide/logout", cookie);
        using var onAAfterwards = await WithCookie(browserA, HttpMethod.Get, "/api/guide/me", cookie);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOutOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onAAfterwards.StatusCode);
    }

    [Fact]
    public async Task Ending_a_session_on_one_instance_closes_its_console_connection_on_the_other()
    {
        var (a, b) = (instances.Cluster[0], instances.Cluster[1]);
        var guide = await Guide.SignInAsync(a.Http);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var console = new HubConnectionBuilder()
            .WithUrl(new Uri(b.BaseUrl, "/guide/hub"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(guide.Token);
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        console.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await console.StartAsync(Ct);
        await console.InvokeAsync("SetReady", true, Ct);

        using (var signOut = await guide.SendAsync(a.Http, HttpMethod.Post, "/api/guide/logout"))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        using var again = await guide.SendAsync(b.Http, HttpMethod.Get, "/api/guide/me");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task A_saved_reply_and_an_alert_in_english_saved_through_one_instance_are_shown_by_the_other()
    {
        var (a, b) = (instances.Cluster[0].Http, instances.Cluster[1].Http);
        var guide = await Guide.SignInAsync(a);

        using (var saved = await guide.SendAsync(a, HttpMethod.Post, "/api/guide/replies",
            new { shortcut = "parkera", title = "Parkering", text = "Boendeparkering söker du hos Parkeringsbolaget." }))
        {
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        }
        using (var alert = await guide.SendAsync(a, HttpMethod.Post, "/api/alerts",
            new { text = "Vattenläcka på Avenyn", textEn = "Water leak on Avenyn", topics = Array.Empty<string>(), expiresAt = "2026-12-31T00:00:00+01:00" }))
        {
            Assert.Equal(HttpStatusCode.Created, alert.StatusCode);
        }

        var replies = await guide.GetAsync(b, "/api/guide/replies");
        Assert.Contains(replies.EnumerateArray(), r => r.GetProperty("shortcut").GetString() == "parkera");
        // The replies a new installation starts with were added once, though both instances started on an empty database.
        Assert.Single(replies.EnumerateArray(), r => r.GetProperty("shortcut").GetString() == "hej");
        JsonElement? shown = null;
        await WaitUntilAsync(async () => (shown = (await b.GetFromJsonAsync<JsonElement>("/api/alerts", Ct)).EnumerateArray()
            .Where(x => x.GetProperty("text").GetString() == "Vattenläcka på Avenyn").Select(x => (JsonElement?)x).FirstOrDefault()) is not null, "the alert on B");
        Assert.Equal("Water leak on Avenyn", shown!.Value.GetProperty("textEn").GetString());
    }

    [Fact]
    public async Task A_case_closed_through_one_instance_is_found_in_the_history_searched_on_the_other()
    {
        var (a, b) = (instances.Cluster[0].Http, instances.Cluster[1].Http);
        var guide = await Guide.SignInAsync(b);
        var chat = await Chat.OpenAsync(a);
        await chat.PostAsync(a, "Jag vill prata med en människa");
        await chat.PostAsync(a, "Min granne eldar trädgårdsavfall på Kvibergsvägen varje kväll");
        var caseId = await CaseOfAsync(guide, b, chat, "message");

        using (var closed = await guide.SendAsync(a, HttpMethod.Post, $"/api/guide/cases/{caseId}/close", new { resolution = "Hänvisad till miljöförvaltningen" }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var found = await guide.GetAsync(b, "/api/guide/cases?status=closed&q=kviberg");
        Assert.Equal(caseId, Assert.Single(found.EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await guide.GetAsync(b, "/api/guide/cases?status=closed&q=kviberg+ishockey")).EnumerateArray());
    }

    [Fact]
    public async Task An_upload_quota_counts_the_uploads_every_instance_took()
    {
        var (a, b) = (instances.Cluster[0].Http, instances.Cluster[1].Http);
        var chat = await Chat.OpenAsync(a);
        var photo = Png(800_000);

        using var first = await chat.UploadAsync(a, "lampa.png", photo, "image/png");
        using var second = await chat.UploadAsync(b, "lampa2.png", photo, "image/png");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode); // 1.5 MB per conversation, 1.6 MB together
    }

    [Fact]
    public async Task Each_email_queued_through_either_instance_is_sent_once()
    {
        var cluster = instances.Cluster;
        var guide = await Guide.SignInAsync(cluster[0].Http);
        var cases = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var via = cluster[i % 2].Http;
            var chat = await Chat.OpenAsync(via);
            await chat.PostAsync(via, "Jag vill prata med en människa");
            await chat.PostAsync(via, $"Fakturan för hemtjänsten är fel, mejla mig på boende{i}@example.se");
            cases.Add(await CaseOfAsync(guide, via, chat, "message"));
        }

        // Queued back to back through both instances; each send takes the SMTP server a second, so both workers are busy at once.
        var emails = new List<string>();
        foreach (var (caseId, i) in cases.Select((c, i) => (c, i)))
        {
            using var queued = await guide.SendAsync(cluster[i % 2].Http, HttpMethod.Post, $"/api/guide/cases/{caseId}/email", new { text = "Vi rättar fakturan." });
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            emails.Add((await queued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
        }

        // Done when every case has its e-mail-sent event and no SMTP conversation is still going on.
        await WaitUntilAsync(async () =>
        {
            foreach (var caseId in cases)
            {
                var item = await guide.GetAsync(cluster[1].Http, $"/api/guide/cases/{caseId}");
                if (!item.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "email-sent"))
                {
                    return false;
                }
            }
            return instances.Smtp.Sessions == 0;
        }, "every e-mail sent");
        Assert.All(emails, id => Assert.True(instances.Smtp.Received(id + "@example.se") == 1,
            $"{id} was received {instances.Smtp.Received(id + "@example.se")} times: {string.Join(", ", instances.Smtp.All.Select(m => $"{m.Key}×{m.Value}"))}"));
        foreach (var caseId in cases)
        {
            var item = await guide.GetAsync(cluster[0].Http, $"/api/guide/cases/{caseId}");
            Assert.Single(item.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "email-sent");
        }
    }

    [Fact]
    public async Task Each_fault_report_and_status_change_reaches_the_webhook_once_whichever_instance_made_it()
    {
        var cluster = instances.Cluster;
        var guide = await Guide.SignInAsync(cluster[0].Http);
        var chats = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Chat.OpenAsync(cluster[i % 2].Http)));

        var references = await Task.WhenAll(chats.Select((chat, i) => chat.FileFaultReportAsync(cluster[i % 2].Http, $"Webbgatan {i + 1}")));
        using (var changed = await guide.SendAsync(cluster[1].Http, HttpMethod.Post, $"/api/guide/faultreports/{references[0]}/status", new { status = "in_progress" }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        // Done when the outbox is empty and the case system is not in the middle of a request.
        await WaitUntilAsync(async () => await cluster.CountAsync("webhook_outbox") == 0 && instances.Webhook.InFlight == 0, "every delivery taken");
        Assert.Equal(4, references.Distinct().Count());
        Assert.Equal(2, instances.Webhook.TakenFor(references[0]));
        Assert.Contains((references[0], "in_progress"), instances.Webhook.Taken);
        Assert.All(references.Skip(1), r => Assert.Equal(1, instances.Webhook.TakenFor(r)));
    }

    private static async Task<string> CaseOfAsync(Guide guide, HttpClient via, Chat chat, string status)
    {
        string? caseId = null;
        await WaitUntilAsync(async () => (caseId = (await guide.GetAsync(via, $"/api/guide/cases?status={status}")).EnumerateArray()
            .Where(c => c.GetProperty("conversationId").GetString() == chat.ConversationId).Select(c => c.GetProperty("id").GetString()).FirstOrDefault()) is not null,
            $"the case of {chat.ConversationId}");
        return caseId!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, with a deadline.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}.");
            }
            await Task.Delay(100, Ct);
        }
    }

    private static HttpClient CookieFreeClient(BotProcess instance) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = instance.BaseUrl };

    private static async Task<HttpResponseMessage> WithCookie(HttpClient client, HttpMethod method, string path, string cookie)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>A PNG of <paramref name="bytes"/> bytes: a real signature, then padding (the type is taken from the first bytes).</summary>
    private static byte[] Png(int bytes)
    {
        var content = new byte[bytes];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
        signature.CopyTo(content, 0);
        return content;
    }
}
