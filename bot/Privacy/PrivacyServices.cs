using Bot.Statistics;

namespace Bot.Privacy;

/// <summary>Registration of retention, erasure and export. The statistics store comes first (see <see cref="StatisticsPersonalData"/>).</summary>
internal static class PrivacyServices
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(PrivacyOptions.SectionName).Get<PrivacyOptions>() ?? new PrivacyOptions());
        services.AddSingleton<IPersonalDataStore, StatisticsPersonalData>();
        services.AddSingleton<IPersonalDataStore, CasePersonalData>();
        services.AddSingleton<IPersonalDataStore, ConversationPersonalData>();
        services.AddSingleton<PrivacyAudit>();
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
