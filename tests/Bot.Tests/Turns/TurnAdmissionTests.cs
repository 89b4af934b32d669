using Bot.Commands;
using Bot.Storage;
using Bot.Turns;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Turns;

public sealed class TurnAdmissionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Beyond_the_limit_a_turn_waits_for_a_place_and_the_wait_is_counted_for_its_request()
    {
        var admission = new TurnAdmission(1);
        var first = await admission.EnterAsync(Cancel);
        var queue = TurnQueueTime.Begin();

        var second = admission.EnterAsync(Cancel);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();

        Assert.True(queue.Waited > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_conversation_waiting_for_its_own_lock_takes_no_place_from_other_conversations()
    {
        var locks = new ConversationLocks(LocalClusterLocks.Instance, new TurnAdmission(2));
        var held = await locks.AcquireAsync("a", Cancel);
        // The conversation's second message waits for the first; it must not hold the last place meanwhile.
        var sameConversation = locks.AcquireAsync("a", Cancel);
        Assert.False(sameConversation.IsCompleted);

        var other = locks.AcquireAsync("b", Cancel);
        Assert.True(other.IsCompleted);
        var third = locks.AcquireAsync("c", Cancel);
        Assert.False(third.IsCompleted); // two places, both taken (a, b)

        await (await other).DisposeAsync();
        await (await third).DisposeAsync();
        await held.DisposeAsync();
        await (await sameConversation).DisposeAsync();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public void The_default_limits_turns_on_PostgreSQL_only()
    {
        var configuration = new ConfigurationBuilder().Build();
        Assert.Equal(0, TurnAdmission.From(configuration, new StoreOptions(false, null, null)).Limit);
        Assert.True(TurnAdmission.From(configuration, new StoreOptions(true, "Host=db", null)).Limit > 0);
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TurnAdmission.Key] = "3" }).Build();
        Assert.Equal(3, TurnAdmission.From(configured, new StoreOptions(true, "Host=db", null)).Limit);
    }

    [Theory]
    [InlineData("queue;dur=12.50, turn;dur=3.25", 3.25)]
    [InlineData("turn;dur=7", 7.0)]
    [InlineData("turn;desc=\"x\";dur=1.5", 1.5)]
    public void The_bench_reads_the_turn_from_Server_Timing_without_the_queue(string header, double expected) =>
        Assert.Equal(expected, ServerTiming.Metric(header, "turn"));

    [Fact]
    public void A_header_without_a_turn_entry_has_no_turn_time() =>
        Assert.Null(ServerTiming.Metric("queue;dur=4", "turn"));
}
