using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Scale.Tests;

/// <summary>
/// kill -9 of an instance with accepted work not yet answered (Direct Line messages, Bot Connector
/// activities, Messenger events): every accepted message is answered afterwards, exactly once, by the
/// other instance (PostgreSQL) or after the restart (SQLite).
/// </summary>
public sealed class NothingLostTests
{
    /// <summary>Holds accepted turns on the instance that will be killed, so that it dies with turns in flight.</summary>
    private const string SlowTurns = "--Diagnostics:TurnDelayMilliseconds=30000";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Everything_an_instance_accepted_before_kill_9_is_answered_once_by_the_other()
    {
        await using var graph = await Fakes.FakeGraph.StartAsync();
        await using var connector = await Fakes.FakeConnector.StartAsync();
        // A accepts everything but answers nothing before it dies: its turns wait, its Messenger worker is paused.
        await using var cluster = await Cluster.StartPostgresAsync(2, shared: [.. Fakes.MessengerSettings, $"--Messenger:GraphApiBaseUrl={graph.BaseUrl}"],
            perInstance: i => i == 0 ? [SlowTurns, "--Messenger:PauseProcessing=true"] : [], cancellationToken: Ct);
        var (a, b) = (cluster[0], cluster[1]);

        // Direct Line: stored and echoed on A; the residents' POSTs never return.
        var chats = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Chat.OpenAsync(b.Http)));
        var posts = chats.Select(chat => chat.TryPostAsync(a.Http, "Hur skaffar jag bibliotekskort?")).ToList();
        foreach (var chat in chats)
        {
            await chat.WaitForAsync(b.Http, log => log.Any(Chat.IsResidentMessage), TimeSpan.FromSeconds(20), "the accepted message");
        }
        // Bot Connector: acknowledged to the channel (200) by A.
        foreach (var (conversation, id) in new[] { ("conv-replayed", "act-1"), ("conv-retried", "act-2") })
        {
            using var accepted = await a.Http.PostAsJsonAsync("/api/messages", connector.Activity(conversation, id, "Var kan jag parkera?"), Ct);
            Assert.True(accepted.IsSuccessStatusCode);
        }
        // Messenger: acknowledged to Meta (200) by A.
        var residents = Enumerable.Range(0, 4).Select(i => $"77000000000000{i:D2}").ToList();
        foreach (var (psid, i) in residents.Select((p, i) => (p, i)))
        {
            using var delivered = await Fakes.DeliverAsync(a.Http, psid, $"m_scale_{i}", "När töms soptunnan?");
            Assert.True(delivered.IsSuccessStatusCode);
        }

        a.Kill();
        Assert.All(await Task.WhenAll(posts), Assert.Null);
        // The channels retry what they did not see answered: Azure sends act-2 again, Meta redelivers one event, both to B.
        using (var retry = await b.Http.PostAsJsonAsync("/api/messages", connector.Activity("conv-retried", "act-2", "Var kan jag parkera?"), Ct))
        {
            Assert.True(retry.IsSuccessStatusCode);
        }
        using (await Fakes.DeliverAsync(b.Http, residents[0], "m_scale_0", "När töms soptunnan?"))
        {
        }

        foreach (var chat in chats)
        {
            var log = await chat.WaitForAsync(b.Http, log => Chat.DecisionsFor(log, log.Single(Chat.IsResidentMessage).GetProperty("id").GetString()!) > 0,
                TimeSpan.FromSeconds(30), "the answer from instance B");
            var message = log.Single(Chat.IsResidentMessage);
            Assert.Contains(log, x => x.GetProperty("type").GetString() == "message" && x.TryGetProperty("replyToId", out var reply)
                && reply.GetString() == message.GetProperty("id").GetString());
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (connector.RepliesTo("act-1") == 0 || connector.RepliesTo("act-2") == 0 || residents.Any(r => graph.TextsTo(r) == 0)))
        {
            await Task.Delay(200, Ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // a second answer would come within the replay and poll intervals
        foreach (var chat in chats)
        {
            var log = await chat.ActivitiesAsync(b.Http);
            Assert.Equal(1, Chat.DecisionsFor(log, log.Single(Chat.IsResidentMessage).GetProperty("id").GetString()!));
        }
        Assert.True(connector.RepliesTo("act-1") == 1, $"act-1 got {connector.RepliesTo("act-1")} replies:\n{cluster.Logs}");
        Assert.True(connector.RepliesTo("act-2") == 1, $"act-2 got {connector.RepliesTo("act-2")} replies:\n{cluster.Logs}");
        Assert.All(residents, r => Assert.True(graph.TextsTo(r) == 1, $"{r} got {graph.TextsTo(r)} answers:\n{cluster.Logs}"));
        Assert.Contains("Replaying the unfinished turn", b.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_report_filed_on_an_instance_that_dies_reaches_the_webhook_once_through_the_other()
    {
        await using var webhook = await Fakes.FakeWebhook.StartAsync();
        webhook.Refusing = true; // the case system is down while A files the report
        await using var cluster = await Cluster.StartPostgresAsync(2,
            shared: [$"--FaultReports:WebhookUrl={webhook.Url}", "--FaultReports:WebhookRetrySeconds=1"], cancellationToken: Ct);
        var a = cluster[0];
        var chat = await Chat.OpenAsync(a.Http);
        var reference = await chat.FileFaultReportAsync(a.Http, "Dödsgatan");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (webhook.Attempts == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }
        Assert.True(webhook.Attempts > 0, $"nobody tried the webhook:\n{cluster.Logs}");

        a.Kill();
        webhook.Refusing = false;

        // Done when the outbox is empty and no request is under way; a delivery A had claimed when it died is
        // due again when the claim ends (a minute).
        deadline = DateTime.UtcNow.AddSeconds(100);
        while ((await cluster.CountAsync("webhook_outbox") > 0 || webhook.InFlight > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }
        Assert.True(webhook.TakenFor(reference) == 1, $"{reference} was taken {webhook.TakenFor(reference)} times:\n{cluster.Logs}");
    }

    [Fact]
    public async Task On_SQLite_messages_accepted_before_a_kill_are_answered_once_after_the_restart()
    {
        await using var cluster = await Cluster.StartSqliteAsync([SlowTurns], Ct);
        var bot = cluster[0];
        var chat = await Chat.OpenAsync(bot.Http);
        var post = chat.TryPostAsync(bot.Http, "Var kan jag parkera?");
        await chat.WaitForAsync(bot.Http, log => log.Any(Chat.IsResidentMessage), TimeSpan.FromSeconds(20), "the accepted message");

        bot.Kill();
        Assert.Null(await post);
        var restarted = await cluster.RestartAsync(bot, drop: ["--Diagnostics:"], cancellationToken: Ct);

        var log = await chat.WaitForAsync(restarted.Http, log => Chat.DecisionsFor(log, log.Single(Chat.IsResidentMessage).GetProperty("id").GetString()!) > 0,
            TimeSpan.FromSeconds(30), "the answer after the restart");
        Assert.Equal(1, Chat.DecisionsFor(log, log.Single(Chat.IsResidentMessage).GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Killing_one_of_two_instances_behind_nginx_under_load_loses_no_accepted_message()
    {
        await using var cluster = await Cluster.StartPostgresAsync(2, nginx: true, cancellationToken: Ct);
        var nginx = cluster.Nginx!.Http;
        var chats = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Chat.OpenAsync(nginx)));
        var questions = new[] { "Hur skaffar jag bibliotekskort?", "Var kan jag parkera?", "När töms soptunnan?", "Vad kostar bygglov?", "Hej" };
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));

        var load = chats.Select(async (chat, c) =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                if (await chat.TryPostAsync(nginx, questions[(c + i) % questions.Length]) is { } id)
                {
                    acknowledged.Add(id);
                }
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        cluster[0].Kill();
        await Task.WhenAll(load);

        // Answered: a reply to the message is in the log. Once: never a second turn for it (at most one decision
        // trace; the trace comes last, so a kill after the reply but before the trace leaves a turn without one).
        var answered = 0;
        foreach (var chat in chats)
        {
            var log = await chat.WaitForAsync(cluster[1].Http,
                log => log.Where(Chat.IsResidentMessage).All(m => Chat.RepliesTo(log, m.GetProperty("id").GetString()!) > 0),
                TimeSpan.FromSeconds(30), "an answer to every accepted message");
            foreach (var message in log.Where(Chat.IsResidentMessage))
            {
                Assert.True(Chat.DecisionsFor(log, message.GetProperty("id").GetString()!) <= 1, $"a message was answered twice: {Chat.Describe(log)}");
                answered++;
            }
            Assert.All(acknowledged.Where(id => id.StartsWith(chat.ConversationId + "|", StringComparison.Ordinal)),
                id => Assert.Contains(log, x => x.GetProperty("id").GetString() == id));
        }
        Assert.True(answered >= acknowledged.Count && acknowledged.Count > 16, $"{answered} answered, {acknowledged.Count} acknowledged");
    }
}
