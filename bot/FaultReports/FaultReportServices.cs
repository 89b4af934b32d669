using Bot.Storage;
using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary>Registration of fault reports: the store (SQLite or PostgreSQL), the optional webhook with its outbox, and the guide API.</summary>
internal static class FaultReportServices
{
    public static IServiceCollection AddFaultReports(this IServiceCollection services, IConfiguration configuration, StoreOptions store)
    {
        services.AddSingleton(FaultReportWebhookOptions.From(configuration));
        services.AddStore<IFaultReportRecords, SqliteFaultReportStore, PostgresFaultReportStore>(store);
        services.AddStore<IWebhookOutbox, SqliteWebhookOutbox, PostgresWebhookOutbox>(store);
        services.AddSingleton<FaultReportPhotoLinks>();
        services.AddHttpClient(FaultReportWebhook.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<FaultReportWebhook>();
        services.AddSingleton<FaultReportResidentNotice>();
        services.AddStore<Bot.Privacy.IPersonalDataStore, FaultReportPersonalData, PostgresFaultReportPersonalData>(store);
        services.AddHostedService(sp => sp.GetRequiredService<FaultReportWebhook>());
        services.AddSingleton<IFaultReportStore, NotifyingFaultReportStore>();
        return services;
    }
}
