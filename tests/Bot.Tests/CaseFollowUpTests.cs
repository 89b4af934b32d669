using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dialogs.Protocol;
using MimeKit;
using netDumbster.smtp;

namespace Bot.Tests;

/// <summary>
/// Answering a left message where the resident is: e-mail through a real SMTP conversation (netDumbster on
/// loopback) from a durable outbox, "ringt upp", and the 24-hour promise in the case and in /api/stats.
/// </summary>
public class CaseFollowUpTests
{
    // Julafton: the contact center is closed, so a request for a person becomes a message to answer.
    private const string ChristmasEve = "2026-12-24T11:00:00+01:00";

    [Fact]
    public async Task A_left_message_is_acknowledged_with_its_case_reference_and_answered_by_email_that_quotes_it()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var app = new BotApplication(settings: Settings(port));
        var guide = await GuideAsync(app);
        var resident = await app.StartChatAsync();

        await resident.PostMessageAsync("Jag vill prata med en människa");
        await resident.PostMessageAsync("Hur lång tid tar ett bygglov för en altan?");
        var (first, watermark) = await resident.GetActivitiesAsync();
        var caseId = Assert.Single((await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", Ct)).EnumerateArray()).GetProperty("id").GetString()!;
        var saved = Assert.Single(first, a => a.Text?.Contains("sparat ditt meddelande", StringComparison.Ordinal) == true);
        Assert.Contains(caseId, saved.Text, StringComparison.Ordinal);
        Assert.Contains("e-postadress", saved.Text, StringComparison.Ordinal);
        Assert.Contains(first, a => a.Name == "handoff.status" && a.Value!.Value.GetProperty("state").GetString() == "message");

        await resident.PostMessageAsync("Min e-post är anna.andersson@example.se");
        var (second, _) = await resident.GetActivitiesAsync(watermark);
        var added = Assert.Single(second, a => a.Text?.Contains("lagt till det i ditt meddelande", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("e-postadress", added.Text, StringComparison.Ordinal);
        Assert.Contains(added.SuggestedActions!.Actions, b => b.Title == "Fortsätt med chattboten");

        var before = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", Ct);
        var promise = before.GetProperty("message");
        Assert.Equal(promise.GetProperty("leftAt").GetDateTimeOffset().AddHours(24), promise.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, promise.GetProperty("answeredAt").ValueKind);

        var response = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/email", new { text = "Hej Anna! Ett bygglov tar oftast 4–10 veckor." }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("anna.andersson@example.se", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("to").GetString());

        var received = await WaitForAsync(() => smtp.ReceivedEmailCount > 0 ? smtp.ReceivedEmail[0] : null);
        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)), Ct);
        Assert.Equal("anna.andersson@example.se", message.To.Mailboxes.Single().Address);
        Assert.Contains(caseId, message.Subject, StringComparison.Ordinal);
        Assert.Contains("Ett bygglov tar oftast 4–10 veckor.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Ärende {caseId}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("> Hur lång tid tar ett bygglov för en altan?", message.TextBody, StringComparison.Ordinal);

        var after = await WaitForAsync(async () =>
        {
            var item = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", Ct);
            return item.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "email-sent") ? (JsonElement?)item : null;
        });
        Assert.NotEqual(JsonValueKind.Null, after!.Value.GetProperty("message").GetProperty("answeredAt").ValueKind);
        Assert.Equal("sent", Assert.Single(after.Value.GetProperty("emails").EnumerateArray()).GetProperty("status").GetString());

        var stats = await guide.GetFromJsonAsync<JsonElement>("/api/stats?from=2026-12-24&to=2026-12-24", Ct);
        Assert.Equal(1.0, stats.GetProperty("messagesAnsweredWithin24hRate").GetDouble());
    }

    [Fact]
    public async Task An_email_accepted_while_the_smtp_server_is_down_is_sent_after_a_restart()
    {
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "bot-test-" + Guid.NewGuid().ToString("N"));
        string caseId;
        await using (var app = new BotApplication(data, Settings(port)))
        {
            var guide = await GuideAsync(app);
            var resident = await app.StartChatAsync();
            await resident.PostMessageAsync("Jag vill prata med en människa");
            await resident.PostMessageAsync("Fakturan är fel, mejla mig på bo@example.se");
            caseId = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", Ct))[0].GetProperty("id").GetString()!;

            var response = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/email", new { text = "Vi rättar fakturan." }, Ct);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var failed = await WaitForAsync(async () =>
            {
                var emails = (await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{caseId}", Ct)).GetProperty("emails");
                return emails[0].GetProperty("attempts").GetInt32() > 0 ? (JsonElement?)emails[0] : null;
            });
            Assert.Equal("queued", failed!.Value.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(failed.Value.GetProperty("lastError").GetString()));
        }

        using var smtp = SimpleSmtpServer.Start(port);
        await using var restarted = new BotApplication(data, Settings(port));
        _ = restarted.CreateClient();
        var received = await WaitForAsync(() => smtp.ReceivedEmailCount > 0 ? smtp.ReceivedEmail[0] : null);
        Assert.Contains(caseId, received.Headers["Subject"], StringComparison.Ordinal);
        Assert.Equal(1, smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task Email_without_an_address_is_422_called_back_counts_as_the_answer_and_email_is_off_without_smtp()
    {
        await using var app = new BotApplication(settings: Settings(FreePort()));
        var guide = await GuideAsync(app);
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Jag vill prata med en människa");
        await resident.PostMessageAsync("Ring mig på 070-123 45 67 om bygglovet");
        var caseId = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", Ct))[0].GetProperty("id").GetString()!;

        var email = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/email", new { text = "Hej" }, Ct);
        var empty = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/callback", new { note = " " }, Ct);
        var called = await guide.PostAsJsonAsync($"/api/guide/cases/{caseId}/callback", new { note = "Ringde 10:40, förklarade handläggningstiden." }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, email.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        var item = await called.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(item.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "called-back" && e.GetProperty("text").GetString()!.StartsWith("Ringde", StringComparison.Ordinal));
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("message").GetProperty("answeredAt").ValueKind);

        await using var noSmtp = new BotApplication(settings: new Dictionary<string, string?> { ["Bot:Now"] = ChristmasEve });
        var other = await GuideAsync(noSmtp);
        var off = await other.PostAsJsonAsync($"/api/guide/cases/C-2026-000001/email", new { text = "Hej" }, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, off.StatusCode);
    }

    [Fact]
    public async Task The_24_hour_rate_counts_an_unanswered_message_once_its_day_has_passed()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse(ChristmasEve, System.Globalization.CultureInfo.InvariantCulture));
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Email:SmtpHost"] = "127.0.0.1", ["Email:From"] = "kc@example.se" }, clock: clock);
        var guide = await GuideAsync(app);
        foreach (var text in new[] { "Ring mig på 070-111 22 33", "Ring mig på 070-444 55 66" })
        {
            var resident = await app.StartChatAsync();
            await resident.PostMessageAsync("Jag vill prata med en människa");
            await resident.PostMessageAsync(text);
        }
        var ids = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", Ct)).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        await guide.PostAsJsonAsync($"/api/guide/cases/{ids[0]}/callback", new { note = "Ringt upp." }, Ct);

        var early = await guide.GetFromJsonAsync<JsonElement>("/api/stats?from=2026-12-24&to=2026-12-24", Ct);
        var inTime = (await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{ids[1]}", Ct)).GetProperty("message");
        clock.Advance(TimeSpan.FromHours(25));
        var late = (await guide.GetFromJsonAsync<JsonElement>($"/api/guide/cases/{ids[1]}", Ct)).GetProperty("message");
        var listed = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", Ct)).EnumerateArray().Single(c => c.GetProperty("id").GetString() == ids[1]);

        Assert.False(inTime.GetProperty("overdue").GetBoolean());
        Assert.Equal(24 * 3600, inTime.GetProperty("secondsLeft").GetInt32());
        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.Equal(-3600, late.GetProperty("secondsLeft").GetInt32());
        Assert.True(listed.GetProperty("message").GetProperty("overdue").GetBoolean());
        var after = await guide.GetFromJsonAsync<JsonElement>("/api/stats?from=2026-12-24&to=2026-12-24", Ct);

        // Before the day has passed the unanswered message is not yet late; after it, it counts as not answered in time.
        Assert.Equal(1.0, early.GetProperty("messagesAnsweredWithin24hRate").GetDouble());
        Assert.Equal(0.5, after.GetProperty("messagesAnsweredWithin24hRate").GetDouble());
        Assert.Equal(2, after.GetProperty("messagesLeft").GetInt32());
    }

    private static Dictionary<string, string?> Settings(int smtpPort) => new()
    {
        ["Bot:Now"] = ChristmasEve,
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Security"] = "None",
        ["Email:From"] = "Göteborgs Stad <kontaktcenter@example.se>",
        ["Email:RetrySeconds"] = "0.2",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) => await WaitForAsync(() => Task.FromResult(probe()));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 30 s");
            await Task.Delay(100, Ct);
        }
    }

    internal static async Task<HttpClient> GuideAsync(BotApplication app, string userName = "demo", string password = "demo")
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName, password }, Ct);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
