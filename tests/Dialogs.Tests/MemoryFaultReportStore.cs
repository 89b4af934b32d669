using System.Collections.Concurrent;
using Dialogs.FaultReports;

namespace Dialogs.Tests;

/// <summary>Fault reports in memory, numbered like the SQLite store.</summary>
internal sealed class MemoryFaultReportStore : IFaultReportStore
{
    private readonly ConcurrentDictionary<string, FaultReport> _reports = new();
    private int _last;

    public IReadOnlyCollection<FaultReport> Reports => _reports.Values.ToList();

    public Task<FaultReport> CreateAsync(NewFaultReport report, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _last);
        var stored = report.Stored(report.CreatedAt.Year, number);
        _reports[stored.Reference] = stored;
        return Task.FromResult(stored);
    }

    public Task<FaultReport?> GetAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(_reports.GetValueOrDefault(reference));

    public Task<IReadOnlyList<FaultReport>> ListAsync(string? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FaultReport>>(_reports.Values.Where(r => status is null || r.Status == status).ToList());

    public Task<FaultReport?> SetStatusAsync(string reference, string status, string? comment, string? by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!_reports.TryGetValue(reference, out var report))
        {
            return Task.FromResult<FaultReport?>(null);
        }
        var updated = report with { Status = status, StatusComment = comment, UpdatedAt = at };
        _reports[reference] = updated;
        return Task.FromResult<FaultReport?>(updated);
    }
}
