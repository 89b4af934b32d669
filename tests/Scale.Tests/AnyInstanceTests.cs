using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Scale.Tests;

/// <summary>Two instances on PostgreSQL and Redis behind nginx, started once for the tests of <see cref="AnyInstanceTests"/>.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    /// <summary>A Tuesday morning: the contact center is open, so handoffs queue for a guide.</summary>
    public const string OpenHours = "--Bot:Now=2026-11-24T10:00:00+01:00";

    internal Cluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Cluster = await Cluster.StartPostgresAsync(2, nginx: true, shared: [OpenHours], cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Two instances on PostgreSQL and Redis: any request may go to any instance.</summary>
public sealed class AnyInstanceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_conversation_and_a_guide_token_from_one_instance_work_on_the_other_and_through_nginx_round_robin()
    {
        var cluster = instances.Cluster;
        var (a, b, nginx) = (cluster[0].Http, cluster[1].Http, cluster.Nginx!.Http);

        var chat = await Chat.OpenAsync(a, startVia: b);
        var first = await chat.PostAsync(b, "Hur skaffar jag bibliotekskort?");
        var second = await chat.PostAsync(a, "Var kan jag parkera?");
        var viaNginx = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            viaNginx.Add(await chat.PostAsync(nginx, "Tack!"));
        }

        var log = await chat.ActivitiesAsync(b);
        foreach (var id in (string[])[first, second, .. viaNginx])
        {
            Assert.Equal(1, Chat.DecisionsFor(log, id));
        }
        var upstreams = cluster.Nginx.Upstreams.Where(u => u.Contains(':', StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(2, upstreams.Count); // round robin reached both instances

        var guide = await Guide.SignInAsync(a);
        using var cases = await guide.SendAsync(b, HttpMethod.Get, "/api/guide/cases");
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
    }

    [Fact]
    public async Task A_stream_on_one_instance_gets_the_replies_to_posts_and_the_guide_messages_handled_by_the_other()
    {
        var cluster = instances.Cluster;
        var (a, b) = (cluster[0], cluster[1]);
        var guide = await Guide.SignInAsync(b.Http);
        using (await guide.SendAsync(b.Http, HttpMethod.Post, "/api/guide/status", new { ready = true }))
        {
        }
        var chat = await Chat.OpenAsync(a.Http);
        using var stream = await chat.ConnectStreamAsync(a.BaseUrl);

        var question = await chat.PostAsync(b.Http, "Hur skaffar jag bibliotekskort?");
        await Chat.ReadStreamUntilAsync(stream, seen => Chat.DecisionsFor(seen, question) == 1, TimeSpan.FromSeconds(15));

        var handoff = await chat.PostAsync(b.Http, "Jag vill prata med en människa");
        await Chat.ReadStreamUntilAsync(stream, seen => Chat.DecisionsFor(seen, handoff) == 1, TimeSpan.FromSeconds(15));
        var all = await guide.GetAsync(a.Http, "/api/guide/cases");
        var caseId = all.EnumerateArray().Single(c => c.GetProperty("conversationId").GetString() == chat.ConversationId).GetProperty("id").GetString();
        using (var claim = await guide.SendAsync(b.Http, HttpMethod.Post, $"/api/guide/cases/{caseId}/claim"))
        {
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        }
        using (var message = await guide.SendAsync(b.Http, HttpMethod.Post, $"/api/guide/cases/{caseId}/messages", new { text = "Hej från vägledaren på instans B" }))
        {
            Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        }
        await Chat.ReadStreamUntilAsync(stream, seen => seen.Any(s => s.TryGetProperty("text", out var t) && t.GetString() == "Hej från vägledaren på instans B"), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_guide_console_on_one_instance_sees_the_queue_and_the_resident_typing_on_the_other_and_its_presence_counts_there()
    {
        var cluster = instances.Cluster;
        var (a, b) = (cluster[0], cluster[1]);
        var guide = await Guide.SignInAsync(a.Http);
        var queueChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var typing = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var console = new HubConnectionBuilder()
            .WithUrl(new Uri(a.BaseUrl, "/guide/hub"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(guide.Token);
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        console.On("queueChanged", () => queueChanged.TrySetResult());
        console.On<string>("residentTyping", caseId => typing.TrySetResult(caseId));
        await console.StartAsync(Ct);
        await console.InvokeAsync("SetReady", true, Ct);

        // The guide is ready on A only; B must see that to queue the case instead of offering to leave a message.
        var chat = await Chat.OpenAsync(b.Http);
        var handoff = await chat.PostAsync(b.Http, "Jag vill prata med en människa");
        await queueChanged.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var queued = await guide.GetAsync(b.Http, "/api/guide/cases?status=queued");
        var caseId = queued.EnumerateArray().Single(c => c.GetProperty("conversationId").GetString() == chat.ConversationId).GetProperty("id").GetString()!;

        using (await guide.SendAsync(a.Http, HttpMethod.Post, $"/api/guide/cases/{caseId}/claim"))
        {
        }
        using (await chat.SendAsync(b.Http, HttpMethod.Post, $"/v3/directline/conversations/{chat.ConversationId}/activities", new { type = "typing", from = new { id = "resident" } }))
        {
        }
        Assert.Equal(caseId, await typing.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct));
        Assert.Equal(1, Chat.DecisionsFor(await chat.ActivitiesAsync(a.Http), handoff));
    }

    [Fact]
    public async Task Turns_of_one_conversation_run_one_at_a_time_across_instances()
    {
        var cluster = instances.Cluster;
        var chat = await Chat.OpenAsync(cluster[0].Http);
        var questions = new[] { "Hur skaffar jag bibliotekskort?", "Var kan jag parkera?", "När töms soptunnan?", "Hej", "Vad kostar bygglov?", "Tack!" };

        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => chat.PostAsync(cluster[i % 2].Http, questions[i % questions.Length])));

        // Question, its answer and trace, question, …: no turn started before the previous one ended.
        var log = await chat.ActivitiesAsync(cluster[1].Http);
        string? open = null;
        foreach (var activity in log.Where(a => a.GetProperty("type").GetString() is "message" or "trace"))
        {
            if (Chat.IsResidentMessage(activity))
            {
                Assert.True(open is null, $"a message was taken while the turn of {open} was running: {Chat.Describe(log)}");
                open = activity.GetProperty("id").GetString();
            }
            else if (activity.GetProperty("type").GetString() == "trace" && activity.GetProperty("replyToId").GetString() == open)
            {
                open = null;
            }
        }
        Assert.All(ids, id => Assert.Equal(1, Chat.DecisionsFor(log, id)));
    }

    [Fact]
    public async Task Case_ids_stay_unique_and_sequential_when_both_instances_hand_over_at_once()
    {
        var cluster = instances.Cluster;
        var guide = await Guide.SignInAsync(cluster[0].Http);
        using (await guide.SendAsync(cluster[0].Http, HttpMethod.Post, "/api/guide/status", new { ready = true }))
        {
        }
        var chats = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Chat.OpenAsync(cluster[i % 2].Http)));

        await Task.WhenAll(chats.Select((chat, i) => chat.PostAsync(cluster[i % 2].Http, "Jag vill prata med en människa")));

        var mine = chats.Select(c => c.ConversationId).ToHashSet();
        var numbers = (await guide.GetAsync(cluster[1].Http, "/api/guide/cases")).EnumerateArray()
            .Where(c => mine.Contains(c.GetProperty("conversationId").GetString()!))
            .Select(c => int.Parse(c.GetProperty("id").GetString()!["C-2026-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(16, numbers.Count);
        Assert.Equal(Enumerable.Range(numbers[0], 16), numbers); // unique and without gaps, though both instances numbered them
    }

    [Fact]
    public async Task A_phrasing_added_on_one_instance_is_answered_by_the_other()
    {
        var cluster = instances.Cluster;
        var guide = await Guide.SignInAsync(cluster[0].Http);
        // A local nickname for home care that neither the content nor the corpus uses.
        const string phrasing = "hur beställer man Tant Grön till mormor";
        var before = await Chat.OpenAsync(cluster[1].Http);
        var asked = await before.PostAsync(cluster[1].Http, phrasing);
        Assert.NotEqual("care-homecare-apply", AnswerOf(await before.ActivitiesAsync(cluster[1].Http), asked));

        using (var added = await guide.SendAsync(cluster[0].Http, HttpMethod.Post, "/api/guide/knowledge/care-homecare-apply/questions", new { text = phrasing }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }
        // The target (within 5 s: a notice at once, then one index build of about a second) is measured by
        // the bench; on a busy shared machine an index build alone can take several seconds, so the test
        // proves that the edit arrives, with a generous deadline.
        var edited = System.Diagnostics.Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        string? answer = null;
        while (DateTime.UtcNow < deadline && answer != "care-homecare-apply")
        {
            var chat = await Chat.OpenAsync(cluster[1].Http);
            var id = await chat.PostAsync(cluster[1].Http, phrasing);
            answer = AnswerOf(await chat.ActivitiesAsync(cluster[1].Http), id);
        }
        Assert.True(answer == "care-homecare-apply", $"instance B still answers {answer ?? "nothing"} 45 s after the edit on A:\n{cluster.Logs}");
        TestContext.Current.SendDiagnosticMessage($"The edit on A was answered by B after {edited.Elapsed.TotalSeconds:0.0} s.");
    }

    private static string? AnswerOf(JsonElement[] log, string activityId) =>
        log.Where(a => a.GetProperty("type").GetString() == "trace" && a.GetProperty("replyToId").GetString() == activityId)
            .Select(a => a.GetProperty("value").TryGetProperty("answerId", out var id) ? id.GetString() : null).SingleOrDefault();
}
