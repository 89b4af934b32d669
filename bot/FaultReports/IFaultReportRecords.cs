using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary>The store where fault reports are kept (SQLite or PostgreSQL), before the webhook and the resident's notice are added around it.</summary>
internal interface IFaultReportRecords : IFaultReportStore;
