using System.Collections.Concurrent;

namespace Scale.Tests;

/// <summary>
/// kill -9 of an instance with accepted messages whose turns have not finished: every accepted message
/// is answered afterwards, exactly once, by the other instance (PostgreSQL) or after the restart (SQLite).
/// </summary>
public sealed class NothingLostTests
{
    /// <summary>Holds accepted turns on the instance that will be killed, so that it dies with turns in flight.</summary>
    private const string SlowTurns = "--Diagnostics:TurnDelayMilliseconds=30000";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_accepted_by_an_instance_killed_mid_turn_are_answered_once_by_the_other()
    {
        await using var cluster = await Cluster.StartPostgresAsync(2, perInstance: i => i == 0 ? [SlowTurns] : [], cancellationToken: Ct);
        var (a, b) = (cluster[0], cluster[1]);
        var chats = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Chat.OpenAsync(b.Http)));

        // Accepted (stored and echoed) on A, whose turns then wait: the POSTs never return.
        var posts = chats.Select(chat => chat.TryPostAsync(a.Http, "Hur skaffar jag bibliotekskort?")).ToList();
        foreach (var chat in chats)
        {
            await chat.WaitForAsync(b.Http, log => log.Any(Chat.IsResidentMessage), TimeSpan.FromSeconds(20), "the accepted message");
        }
        a.Kill();
        Assert.All(await Task.WhenAll(posts), Assert.Null); // the resident's POSTs died with A

        foreach (var chat in chats)
        {
            var log = await chat.WaitForAsync(b.Http, log => log.Where(Chat.IsResidentMessage).All(m => Chat.DecisionsFor(log, m.GetProperty("id").GetString()!) > 0),
                TimeSpan.FromSeconds(30), "the answer from instance B");
            var message = log.Single(Chat.IsResidentMessage);
            Assert.Equal(1, Chat.DecisionsFor(log, message.GetProperty("id").GetString()!));
            Assert.Contains(log, x => x.GetProperty("type").GetString() == "message" && x.TryGetProperty("replyToId", out var reply)
                && reply.GetString() == message.GetProperty("id").GetString());
        }
        Assert.Contains("Replaying the unfinished turn", b.Log, StringComparison.Ordinal);
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

        var answered = 0;
        foreach (var chat in chats)
        {
            var log = await chat.WaitForAsync(cluster[1].Http,
                log => log.Where(Chat.IsResidentMessage).All(m => Chat.DecisionsFor(log, m.GetProperty("id").GetString()!) > 0),
                TimeSpan.FromSeconds(30), "an answer to every accepted message");
            foreach (var message in log.Where(Chat.IsResidentMessage))
            {
                Assert.Equal(1, Chat.DecisionsFor(log, message.GetProperty("id").GetString()!));
                answered++;
            }
            Assert.All(acknowledged.Where(id => id.StartsWith(chat.ConversationId + "|", StringComparison.Ordinal)),
                id => Assert.Contains(log, x => x.GetProperty("id").GetString() == id));
        }
        Assert.True(answered >= acknowledged.Count && acknowledged.Count > 16, $"{answered} answered, {acknowledged.Count} acknowledged");
    }
}
