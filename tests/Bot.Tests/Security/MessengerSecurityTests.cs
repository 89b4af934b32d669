using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Storage;
using Bot.Tests.Messenger;
using Dialogs.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Security;

/// <summary>Issue 12 (Low): a signed Messenger delivery replayed after the duplicate check has forgotten it is not taken again.</summary>
public sealed class MessengerReplayTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADeliveryReplayedAfterThirtyDays_IsNotTakenAgain()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "bot-replay-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var delivery = MessengerPage.Delivery(new MessengerPage(new HttpClient(), clock).Text("7050", "m_replay_1", "Hur skaffar jag ett bibliotekskort?"));
        await using (var before = Start(graph, data, clock))
        {
            var page = new MessengerPage(before.CreateClient(), clock);
            await page.PostAsync(delivery);
            await graph.WaitForTextAsync("legitimation");
            await WaitUntilAsync(() => Inbox(before, "done") == 1, "the event is processed");
        }
        clock.Advance(TimeSpan.FromDays(31));

        await using var after = Start(graph, data, clock);
        var again = new MessengerPage(after.CreateClient(), clock);
        var replay = await again.PostAsync(delivery);
        await again.SendAsync(again.Text("7050", "m_replay_2", "Vilka tider har Stadsbiblioteket?"));
        await WaitUntilAsync(() => Inbox(after, "done") >= 1 && Inbox(after, "pending") == 0, "the new message is processed");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var log = await after.Services.GetRequiredService<IConversationStore>().GetActivitiesAsync(MessengerPage.ConversationId("7050"), 0, Cancel);
        Assert.Single(log, a => a.Activity.Id == "m_replay_1");
        Assert.Single(log, a => a.Activity.Id == "m_replay_2");
    }

    private static BotApplication Start(FakeGraphApi graph, string? data, TimeProvider? clock)
    {
        var app = new BotApplication(data, MessengerPage.Settings(graph), clock);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static long Inbox(BotApplication app, string state)
    {
        using var connection = app.Services.GetRequiredService<BotDatabase>().Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM messenger_inbox WHERE sender_id = '7050' AND state = $state";
        count.Parameters.AddWithValue("$state", state);
        return (long)count.ExecuteScalar()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20, Cancel);
        }
    }
}

/// <summary>Issue 12 §4 on Messenger: a photo becomes a report's photo only once the bot has fetched and stored it.</summary>
[Collection(ResidentAttacks.Name)]
public sealed partial class MessengerPhotoTests(ResidentBot bot)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APhoto_IsFetchedAndStoredBeforeItBecomesTheReportsPhoto_AndAPageIsNot()
    {
        var (app, graph) = (bot.App, bot.Graph);
        graph.Files["lampa.png"] = (TestFiles.Png, "image/png");
        graph.Files["inloggning.png"] = ("<html><form action=https://phishing.example></form></html>"u8.ToArray(), "image/png");
        var page = new MessengerPage(app.CreateClient());

        await page.SendAsync(page.Text("7060", "m_f_1", "Gatlampan utanför Götabergsgatan 20 är trasig."));
        await graph.WaitForTextAsync("Stämmer det?");
        await page.SendAsync(page.Text("7060", "m_f_2", "Ja"));
        await graph.WaitForTextAsync("bild");
        await page.SendAsync(page.Image("7060", "m_f_3", graph.CdnUrl("inloggning.png")));
        await graph.WaitForTextAsync("Det där var ingen bild");
        await page.SendAsync(page.Image("7060", "m_f_4", graph.CdnUrl("lampa.png")));
        await graph.WaitForTextAsync("Tack för bilden");
        await page.SendAsync(page.Text("7060", "m_f_5", "Hoppa över"));
        var receipt = (await graph.WaitForAsync(calls => calls.Any(c => c.Recipient == "7060" && c.Text?.Contains("FR-2026-", StringComparison.Ordinal) == true), "the receipt"))
            .Last(c => c.Recipient == "7060" && c.Text?.Contains("FR-2026-", StringComparison.Ordinal) == true).Text!;
        var reference = Reference().Match(receipt).Value;
        var guide = await FaultReportApiTests.GuideAsync(app);

        var report = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/faultreports/{reference}", Cancel);
        var photoUrl = report.GetProperty("photoUrl").GetString()!;
        var photo = await app.CreateClient().GetAsync(photoUrl, Cancel);

        Assert.StartsWith(app.CreateClient().BaseAddress!.ToString() + "uploads/", photoUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(TestFiles.Png, await photo.Content.ReadAsByteArrayAsync(Cancel));
        var log = await app.Services.GetRequiredService<IConversationStore>().GetActivitiesAsync(MessengerPage.ConversationId("7060"), 0, Cancel);
        Assert.DoesNotContain("/cdn/lampa.png", string.Join(" ", log.SelectMany(a => a.Activity.Attachments ?? []).Select(a => a.ContentUrl)), StringComparison.Ordinal);
    }


    [System.Text.RegularExpressions.GeneratedRegex(@"FR-\d{4}-\d{6}")]
    private static partial System.Text.RegularExpressions.Regex Reference();
}
