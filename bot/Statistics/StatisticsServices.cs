using Dialogs.Learning;

namespace Bot.Statistics;

/// <summary>Registration of the turn log, statistics and the learning inbox.</summary>
internal static class StatisticsServices
{
    public static IServiceCollection AddStatistics(this IServiceCollection services, IConfiguration configuration, Bot.Storage.StoreOptions store)
    {
        services.AddSingleton(configuration.GetSection(LearningOptions.SectionName).Get<LearningOptions>() ?? new LearningOptions());
        if (store.Postgres)
        {
            services.AddSingleton<PostgresStatisticsWriter>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresStatisticsWriter>());
        }
        Bot.Storage.StorageServices.AddStore<IStatisticsStore, StatisticsStore, PostgresStatisticsStore>(services, store);
        services.AddSingleton<ITurnRecorder>(sp => sp.GetRequiredService<IStatisticsStore>());
        services.AddSingleton<MessageReplyStatistics>();
        return services;
    }
}
