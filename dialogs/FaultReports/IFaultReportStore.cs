namespace Dialogs.FaultReports;

/// <summary>Where fault reports are kept. Implemented by the host (SQLite); a report is stored before the resident is told its reference.</summary>
public interface IFaultReportStore
{
    /// <summary>Stores the report with the next reference of its year (FR-2026-000001, …) and the status <c>received</c>.</summary>
    Task<FaultReport> CreateAsync(NewFaultReport report, CancellationToken cancellationToken);

    /// <summary>The report with its status history; null when there is none with that reference.</summary>
    Task<FaultReport?> GetAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Reports, newest first, optionally only those with <paramref name="status"/>.</summary>
    Task<IReadOnlyList<FaultReport>> ListAsync(string? status, CancellationToken cancellationToken);

    /// <summary>Changes the status and records who did it; null when there is no such report.</summary>
    Task<FaultReport?> SetStatusAsync(string reference, string status, string? comment, string? by, DateTimeOffset at, CancellationToken cancellationToken);
}
