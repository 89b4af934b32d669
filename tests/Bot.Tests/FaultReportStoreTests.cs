using Bot.FaultReports;
using Bot.Storage;
using Dialogs.FaultReports;

namespace Bot.Tests;

/// <summary>The SQLite fault-report store: reference numbers and persistence.</summary>
public class FaultReportStoreTests
{
    [Fact]
    public async Task ConcurrentReports_GetUniqueSequentialReferences_AndTheYearFollowsStockholmTime()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-frstore-" + Guid.NewGuid().ToString("N"));
        var store = new SqliteFaultReportStore(new BotDatabase(data));
        var at = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => store.CreateAsync(Report(at), TestContext.Current.CancellationToken))));
        // 23:30 UTC on New Year's Eve is already 2027 in Stockholm.
        var newYear = await store.CreateAsync(Report(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)), TestContext.Current.CancellationToken);
        var reopened = new SqliteFaultReportStore(new BotDatabase(data));
        var next = await reopened.CreateAsync(Report(at), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"FR-2026-{n:D6}"), created.Select(r => r.Reference).Order());
        Assert.Equal("FR-2027-000001", newYear.Reference);
        Assert.Equal("FR-2026-000041", next.Reference);
        Assert.Equal(42, (await reopened.ListAsync(null, TestContext.Current.CancellationToken)).Count);
        Assert.Equal(FaultReportStatuses.Received, (await reopened.GetAsync("FR-2026-000007", TestContext.Current.CancellationToken))!.Status);
    }

    private static NewFaultReport Report(DateTimeOffset at) =>
        new("streetlight", "Götabergsgatan 20", "Gatlampan är trasig.", null, null, "sv", "conversation", "directline", at);
}
