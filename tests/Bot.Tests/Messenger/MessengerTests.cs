using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Storage;
using Dialogs.Protocol;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Messenger;

/// <summary>
/// The Messenger channel over real HTTP: Meta's side played by the test (signed webhook deliveries
/// to the bot on a Kestrel listener) and a fake Graph API on loopback that records what the bot sends.
/// </summary>
public class MessengerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handshake_EchoesTheChallenge_OnlyForOurVerifyToken()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var client = app.CreateClient();

        var good = await client.GetAsync($"/api/messenger?hub.mode=subscribe&hub.verify_token={MessengerPage.VerifyToken}&hub.challenge=1158201444", Cancel);
        var wrong = await client.GetAsync("/api/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", Cancel);
        var noMode = await client.GetAsync($"/api/messenger?hub.verify_token={MessengerPage.VerifyToken}&hub.challenge=1158201444", Cancel);

        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("1158201444", await good.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("1158201444", await wrong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noMode.StatusCode);
    }

    [Fact]
    public async Task WithoutTheThreeSettings_TheWebhookDoesNotExist()
    {
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Messenger:AppSecret"] = "only-the-secret" });
        var client = app.CreateClient();

        var get = await client.GetAsync($"/api/messenger?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", Cancel);
        var post = await client.PostAsync("/api/messenger", new StringContent("{}", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task BadSignature_Is401_AndNothingIsProcessedOrSent()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var page = new MessengerPage(app.CreateClient());
        var forged = MessengerPage.Delivery(page.Text("7001", "m_forged_1", "Jag vill prata med en människa"));

        var wrongSecret = await page.PostAsync(forged, secret: "not-the-app-secret");
        var missing = await page.PostRawAsync(Encoding.UTF8.GetBytes(forged), signature: null);
        var garbage = await page.PostRawAsync(Encoding.UTF8.GetBytes(forged), signature: "sha256=zz");
        // Signed, then changed on the way: the signature is over the exact bytes.
        var signedOriginal = MessengerPage.Delivery(page.Text("7001", "m_forged_2", "Hej"));
        var tampered = await page.PostRawAsync(Encoding.UTF8.GetBytes(signedOriginal.Replace("Hej", "Hej!", StringComparison.Ordinal)), Signature(signedOriginal));
        // Then a genuine message from the same resident, to know that processing has caught up.
        var genuine = await page.SendAsync(page.Text("7001", "m_genuine_1", "Tack!"));
        await graph.WaitForAsync(calls => calls.Any(c => c.IsMessage), "the reply to the genuine message");

        foreach (var rejected in new[] { wrongSecret, missing, garbage, tampered })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
            var error = await rejected.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal("BadSignature", error.GetProperty("error").GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var log = await Activities(app, "7001");
        Assert.Equal(["m_genuine_1"], log.Where(a => a.From?.Role == RoleTypes.User).Select(a => a.Id));
        var handoff = app.Services.GetRequiredService<Bot.Handoff.ICaseStore>();
        Assert.Empty(await handoff.ListAsync(null, Cancel));
        Assert.Single(graph.Messages);
    }

    [Fact]
    public async Task Question_IsAnsweredThroughTheSendApi_AndRecordedForTheConsole()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var page = new MessengerPage(app.CreateClient());

        var response = await page.SendAsync(page.Text("7002", "m_q_1", "Hur skaffar jag ett bibliotekskort?"));
        var calls = await graph.WaitForTextAsync("legitimation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("EVENT_RECEIVED", await response.Content.ReadAsStringAsync(Cancel));
        Assert.All(calls, c => Assert.Equal("Bearer " + MessengerPage.PageAccessToken, c.Authorization));
        Assert.Equal("typing_on", calls[0].SenderAction);
        var answer = Assert.Single(graph.Messages);
        Assert.Equal("7002", answer.Recipient);
        Assert.Equal("RESPONSE", answer.MessagingType);
        Assert.Null(answer.Tag);
        // Plain text for Messenger: the source link is spelled out, not Markdown.
        Assert.DoesNotContain("](", answer.Text, StringComparison.Ordinal);
        Assert.Contains("https://", answer.Text, StringComparison.Ordinal);

        var conversation = await app.Services.GetRequiredService<IConversationStore>().GetAsync(MessengerPage.ConversationId("7002"), Cancel);
        Assert.Equal("facebook", conversation!.Channel);
        Assert.Equal("7002", conversation.UserId);
        var log = await Activities(app, "7002");
        var question = log.First(a => a.Type == ActivityTypes.Message);
        Assert.Equal(("m_q_1", "facebook", "Hur skaffar jag ett bibliotekskort?"), (question.Id, question.ChannelId, question.Text));
        Assert.Contains(log, a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.Bot && a.Text!.Contains("legitimation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_RemovesTheRawWebhookEvents_ThatExportShowed()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var page = new MessengerPage(app.CreateClient());
        var guide = await GuideAsync(app);
        var conversationId = MessengerPage.ConversationId("7010");
        await page.SendAsync(page.Text("7010", "m_priv_1", "Hur skaffar jag ett bibliotekskort? Jag bor på Vasagatan 12."));
        await graph.WaitForTextAsync("legitimation");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (InboxEvents(app, "7010", "done") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The event was not marked processed.");
            await Task.Delay(20, Cancel);
        }

        var export = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/privacy/conversations/{Uri.EscapeDataString(conversationId)}/export", Cancel);
        var erase = await guide.DeleteAsync($"/api/guide/privacy/conversations/{Uri.EscapeDataString(conversationId)}", Cancel);

        var raw = Assert.Single(export.GetProperty("data").GetProperty("messenger").EnumerateArray());
        Assert.Contains("Vasagatan 12", raw.GetProperty("webhookEvent").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal(0, InboxEvents(app, "7010", null));
    }

    private static long InboxEvents(BotApplication app, string psid, string? state)
    {
        using var connection = app.Services.GetRequiredService<Bot.Storage.BotDatabase>().Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM messenger_inbox WHERE sender_id = $psid AND ($state IS NULL OR state = $state)";
        count.Parameters.AddWithValue("$psid", psid);
        count.Parameters.AddWithValue("$state", (object?)state ?? DBNull.Value);
        return (long)count.ExecuteScalar()!;
    }

    [Fact]
    public async Task RedeliveredEvent_IsAnsweredOnce_AndReadsDeliveriesAndEchoesAreIgnored()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var page = new MessengerPage(app.CreateClient());
        var delivery = MessengerPage.Delivery(page.Text("7003", "m_dup_1", "Hur skaffar jag ett bibliotekskort?"));

        var first = await page.PostAsync(delivery);
        var again = await Task.WhenAll(page.PostAsync(delivery), page.PostAsync(delivery));
        var noise = await page.SendAsync(page.Read("7003"), page.Delivered("7003", "m_sent_1"), page.Echo("7003", "m_echo_1"), page.Optin("7003"));
        await page.SendAsync(page.Text("7003", "m_dup_2", "Tack!"));
        await graph.WaitForAsync(calls => calls.Count(c => c.IsMessage) >= 2, "both replies");

        Assert.All(again.Append(first).Append(noise), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(graph.Messages, c => c.Text!.Contains("legitimation", StringComparison.Ordinal));
        Assert.Equal(2, graph.Messages.Count);
        Assert.Equal(2, graph.Calls.Count(c => c.SenderAction == "typing_on"));
        var log = await Activities(app, "7003");
        Assert.Equal(["m_dup_1", "m_dup_2"], log.Where(a => a.From?.Role == RoleTypes.User && a.Type == ActivityTypes.Message).Select(a => a.Id));
        // The opt-in reaches the bot as an event (recorded, no reply); reads, deliveries and echoes are not recorded at all.
        Assert.Single(log, a => a.Type == ActivityTypes.Event && a.Name == "facebook.optin");
        Assert.DoesNotContain(log, a => a.Id == "m_echo_1" || a.Text == "echo");
    }

    [Fact]
    public async Task OneResidentsEvents_AreProcessedInTheOrderTheyWereWritten()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var page = new MessengerPage(app.CreateClient());
        var written = page.Now;

        // Meta batches and may deliver out of order: the later message first in the batch.
        await page.SendAsync(page.Text("7004", "m_ord_2", "Tack!", written + 2000), page.Text("7004", "m_ord_1", "Hur skaffar jag ett bibliotekskort?", written));
        await graph.WaitForAsync(calls => calls.Count(c => c.IsMessage) >= 2, "both replies");

        var log = await Activities(app, "7004");
        Assert.Equal(["m_ord_1", "m_ord_2"], log.Where(a => a.From?.Role == RoleTypes.User).Select(a => a.Id));
        Assert.Contains("legitimation", graph.Messages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("legitimation", graph.Messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStarted_Welcomes_WithQuickRepliesWithinMessengersLimits_AndATapIsTheButtonsText()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var page = new MessengerPage(app.CreateClient());

        await page.SendAsync(page.Postback("7005", "m_pb_1", "GET_STARTED"));
        var welcome = (await graph.WaitForTextAsync("chattbot")).Single(c => c.IsMessage);
        var replies = welcome.QuickReplies;
        // One welcome topic ("Avfall och återvinning") is longer than Messenger's 20 characters:
        // the options are listed in the text, the buttons numbered, and the payload stays whole.
        Assert.InRange(replies.Count, 2, MessengerLimits.QuickReplies);
        Assert.All(replies, r => Assert.InRange(r.Title.Length, 1, MessengerLimits.QuickReplyTitle));
        Assert.Contains("Avfall och återvinning", welcome.Text, StringComparison.Ordinal);
        var waste = Assert.Single(replies, r => r.Payload == "Avfall och återvinning");

        await page.SendAsync(page.QuickReply("7005", "m_qr_1", waste.Title, waste.Payload));
        await graph.WaitForAsync(calls => calls.Count(c => c.IsMessage) >= 2, "the reply to the quick reply");

        var log = await Activities(app, "7005");
        Assert.Equal(ActivityTypes.ConversationUpdate, log[0].Type);
        Assert.Equal("Avfall och återvinning", log.Single(a => a.Id == "m_qr_1").Text);
    }

    [Fact]
    public async Task AcknowledgedEvent_IsProcessedAfterTheHostStopsAndStartsAgain()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "bot-messenger-" + Guid.NewGuid().ToString("N"));
        await using (var before = Start(graph, data, new() { ["Messenger:PauseProcessing"] = "true" }))
        {
            var page = new MessengerPage(before.CreateClient());
            var acknowledged = await page.SendAsync(page.Text("7006", "m_restart_1", "Hur skaffar jag ett bibliotekskort?"));
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }
        Assert.Empty(graph.Calls);

        await using var after = Start(graph, data);
        var calls = await graph.WaitForTextAsync("legitimation");

        Assert.Single(calls, c => c.IsMessage);
        var log = await Activities(after, "7006");
        Assert.Single(log, a => a.Id == "m_restart_1");
    }

    [Fact]
    public async Task SendApi_ServerErrorsAndRateLimitsAreRetried_PermanentErrorsAreLoggedNotRetried()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph);
        var page = new MessengerPage(app.CreateClient());
        var attemptsFor7007 = 0;
        graph.Respond = (call, _) =>
        {
            if (!call.IsMessage)
            {
                return null;
            }
            if (call.Recipient == "7007")
            {
                return Interlocked.Increment(ref attemptsFor7007) switch
                {
                    1 => (500, """{"error":{"message":"An unknown error occurred","type":"OAuthException","code":1,"is_transient":true}}"""),
                    2 => (400, """{"error":{"message":"(#613) Calls to this api have exceeded the rate limit.","type":"OAuthException","code":613}}"""),
                    _ => null,
                };
            }
            return call.Recipient == "7008"
                ? (400, """{"error":{"message":"(#10) This message is sent outside of allowed window.","type":"OAuthException","code":10,"error_subcode":2018278}}""")
                : null;
        };

        await page.SendAsync(page.Text("7007", "m_retry_1", "Hur skaffar jag ett bibliotekskort?"));
        await page.SendAsync(page.Text("7008", "m_refused_1", "Hur skaffar jag ett bibliotekskort?"));
        await graph.WaitForAsync(calls => calls.Count(c => c.IsMessage && c.Recipient == "7007") == 3, "three attempts for 7007");
        await WaitForLogAsync(app, "outside the messaging window");

        var attempts = graph.Messages.Where(c => c.Recipient == "7007").ToList();
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body.GetRawText(), a.Body.GetRawText()));
        Assert.Single(graph.Messages, c => c.Recipient == "7008");
        Assert.Contains(app.LogLines, l => l.Contains("refused permanently", StringComparison.Ordinal) && l.Contains("10/2018278", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handoff_GuideRepliesAsResponse_ThenWithTheHumanAgentTag_ThenTheWindowIsClosed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph, clock: clock);
        var page = new MessengerPage(app.CreateClient(), clock);
        var guide = await GuideAsync(app);
        await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, Cancel);

        await page.SendAsync(page.Text("7009", "m_h_1", "Jag vill prata med en människa om gatlampan på Götabergsgatan 20"));
        await graph.WaitForTextAsync("kön");
        var queued = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", Cancel);
        var item = Assert.Single(queued.EnumerateArray());
        var caseId = item.GetProperty("id").GetString()!;
        Assert.Equal("facebook", item.GetProperty("channel").GetString());
        Assert.Equal("open", item.GetProperty("replyWindow").GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsync($"/api/guide/cases/{caseId}/claim", null, Cancel)).StatusCode);
        var longAnswer = string.Concat(Enumerable.Range(1, 60).Select(i => $"Det här är mening nummer {i} i vägledarens långa svar om gatlampan. "));
        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = longAnswer }, Cancel)).StatusCode);
        await graph.WaitForTextAsync("nummer 60 ");
        var parts = graph.Messages.SkipWhile(c => c.Text?.StartsWith("Det här är mening nummer 1 ", StringComparison.Ordinal) != true).ToList();
        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.InRange(p.Text!.Length, 1, MessengerLimits.Text - 1));
        Assert.All(parts, p => Assert.EndsWith("gatlampan.", p.Text!, StringComparison.Ordinal));
        Assert.Equal(longAnswer.Trim(), string.Join(" ", parts.Select(p => p.Text)));
        Assert.All(parts, p => Assert.Equal(("RESPONSE", null), (p.MessagingType, p.Tag)));

        // The resident sends a photo: it reaches the case as an image attachment.
        await page.SendAsync(page.Image("7009", "m_h_2", "https://scontent.xx.fbcdn.net/v/t1.15752-9/lamp.jpg?_nc_cat=1"));
        var photo = await WaitForActivityAsync(app, "7009", "m_h_2");
        var attachment = Assert.Single(photo.Attachments!);
        Assert.Equal(("image/jpeg", "https://scontent.xx.fbcdn.net/v/t1.15752-9/lamp.jpg?_nc_cat=1"), (attachment.ContentType, attachment.ContentUrl));

        // A day and an hour after the resident's last message: only a person may write, with the HUMAN_AGENT tag.
        clock.Advance(TimeSpan.FromHours(25));
        guide = await GuideAsync(app);
        var view = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", Cancel);
        Assert.Equal("human_agent", view.GetProperty("replyWindow").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Lampan är nu felanmäld." }, Cancel)).StatusCode);
        var tagged = (await graph.WaitForTextAsync("felanmäld")).Single(c => c.Text == "Lampan är nu felanmäld.");
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT", "7009"), (tagged.MessagingType, tagged.Tag, tagged.Recipient));

        // Eight days on: Messenger takes no reply at all, and the guide is told so.
        clock.Advance(TimeSpan.FromDays(7));
        guide = await GuideAsync(app);
        var before = graph.Calls.Count;
        var refused = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Hallå?" }, Cancel);
        var closedView = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("7 days", (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("closed", closedView.GetProperty("replyWindow").GetProperty("state").GetString());
        Assert.Equal(before, graph.Calls.Count);
        Assert.DoesNotContain(graph.Messages, c => c.Text == "Hallå?");
    }

    [Fact]
    public async Task PageInboxHandover_PassesTheThreadToThePageInbox_WhenTheSwitchIsOn()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = Start(graph, settings: new() { ["Messenger:HandoverToPageInbox"] = "true", ["Bot:Now"] = "2026-11-24T10:00:00+01:00" });
        var page = new MessengerPage(app.CreateClient());

        await page.SendAsync(page.Text("7010", "m_in_1", "Jag vill prata med en människa"));
        var calls = await graph.WaitForAsync(c => c.Any(x => x.Path == "/me/pass_thread_control"), "pass_thread_control");

        var pass = calls.Single(c => c.Path == "/me/pass_thread_control");
        Assert.Equal("263902037430900", pass.Body.GetProperty("target_app_id").GetString());
        Assert.Equal("7010", pass.Recipient);
        Assert.StartsWith("Ärende C-", pass.Body.GetProperty("metadata").GetString(), StringComparison.Ordinal);
    }

    private static BotApplication Start(FakeGraphApi graph, string? data = null, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var app = new BotApplication(data, MessengerPage.Settings(graph, settings), clock);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static string Signature(string json) =>
        "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(MessengerPage.AppSecret), Encoding.UTF8.GetBytes(json)));

    private static async Task<IReadOnlyList<Activity>> Activities(BotApplication app, string psid) =>
        (await app.Services.GetRequiredService<IConversationStore>().GetActivitiesAsync(MessengerPage.ConversationId(psid), 0, Cancel)).Select(a => a.Activity).ToList();

    private static async Task<Activity> WaitForActivityAsync(BotApplication app, string psid, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((await Activities(app, psid)).FirstOrDefault(a => a.Id == id) is { } found)
            {
                return found;
            }
            await Task.Delay(20, Cancel);
        }
        throw new TimeoutException($"Activity {id} was not stored.");
    }

    private static async Task WaitForLogAsync(BotApplication app, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!app.LogLines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No log line with \"{text}\".");
            await Task.Delay(20, Cancel);
        }
    }

    private static async Task<HttpClient> GuideAsync(BotApplication app)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, Cancel);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>Messenger's limits, written down independently of the code under test.</summary>
internal static class MessengerLimits
{
    public const int Text = 2000;
    public const int QuickReplies = 13;
    public const int QuickReplyTitle = 20;
}
