using Bot.Storage;
using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary>Registration of fault reports: the SQLite store, the optional webhook and the guide API.</summary>
internal static class FaultReportServices
{
    public static IServiceCollection AddFaultReports(this IServiceCollection services, StoreOptions store)
    {
        services.AddStore<IFaultReportRecords, SqliteFaultReportStore, PostgresFaultReportStore>(store);
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
