using Bot.FaultReports;
using Bot.Storage.Postgres;
using Dialogs.FaultReports;

namespace Scale.Tests;

/// <summary>Numbering and schema changes with several instances at once.</summary>
public sealed class BackgroundWorkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fault_report_references_stay_unique_and_sequential_when_two_instances_file_at_once()
    {
        var connection = await ScaleServers.NewDatabaseAsync();
        await using var first = new PostgresDatabase(connection);
        await using var second = new PostgresDatabase(connection);
        PostgresSchema.Migrate(first);
        var stores = new[] { new PostgresFaultReportStore(first), new PostgresFaultReportStore(second) };
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

        var reports = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => stores[i % 2].CreateAsync(
            new NewFaultReport("gatubelysning", $"Lampa {i}", "Lyser inte", null, null, "sv", $"c{i}", "directline", at), Ct)));

        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"FR-2026-{n:D6}"), reports.Select(r => r.Reference).Order());
    }

    [Fact]
    public async Task Migrations_run_once_when_several_instances_start_at_the_same_moment()
    {
        var connection = await ScaleServers.NewDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connection)).ToList();
        try
        {
            var applied = await Task.WhenAll(databases.Select(d => Task.Run(() => PostgresSchema.Migrate(d), Ct)));
            Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), applied.SelectMany(a => a).Order());
            Assert.Equal(PostgresSchema.Migrations.Count, await databases[0].ScalarAsync<long>("SELECT count(*) FROM schema_migrations", Ct));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }
}
