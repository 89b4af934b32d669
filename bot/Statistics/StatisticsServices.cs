using Dialogs.Learning;

namespace Bot.Statistics;

/// <summary>Registration of the turn log, statistics and the learning inbox.</summary>
internal static class StatisticsServices
{
    public static IServiceCollection AddStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(LearningOptions.SectionName).Get<LearningOptions>() ?? new LearningOptions());
        services.AddSingleton<StatisticsStore>();
        services.AddSingleton<MessageReplyStatistics>();
        services.AddSingleton<ITurnRecorder>(sp => sp.GetRequiredService<StatisticsStore>());
        return services;
    }
}
