using Bot.Statistics;
using Bot.Storage;

namespace Bot.Privacy;

/// <summary>Registration of retention, erasure and export. The statistics store comes first (see <see cref="StatisticsPersonalData"/>).</summary>
internal static class PrivacyServices
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration, StoreOptions store)
    {
        services.AddSingleton(configuration.GetSection(PrivacyOptions.SectionName).Get<PrivacyOptions>() ?? new PrivacyOptions());
        services.AddSingleton<IPersonalDataStore, StatisticsPersonalData>();
        services.AddStore<IPersonalDataStore, CasePersonalData, PostgresCasePersonalData>(store);
        services.AddStore<IPersonalDataStore, ConversationPersonalData, PostgresConversationPersonalData>(store);
        services.AddStore<IPrivacyAudit, PrivacyAudit, PostgresPrivacyAudit>(store);
        services.AddSingleton<PrivacyService>();
        services.AddHostedService<RetentionJob>();
        return services;
    }

    /// <summary>Statistics, the learning inbox, and the privacy endpoints.</summary>
    public static IEndpointRouteBuilder MapLearningAndPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapStatistics();
        app.MapPrivacy();
        return app;
    }
}
