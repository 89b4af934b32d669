using Bot.Hosting;
using Dialogs.Dates;
using Knowledge;
using Understanding;

namespace Bot.Understanding;

/// <summary>The learned understanding: the trained models, and keeping them current with the knowledge and the corpus.</summary>
internal static class UnderstandingServices
{
    public static IServiceCollection AddUnderstanding(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var paths = sp.GetRequiredService<BotPaths>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<UnderstandingProvider>();
            var knowledge = sp.GetRequiredService<KnowledgeProvider>();
            var provider = new UnderstandingProvider(knowledge, paths.TrainingDirectory, paths.ModelDirectory,
                message => logger.LogInformation("{Message}", message), DateMentionRecognizer.WithoutDates);
            knowledge.Reloaded += _ => provider.Refresh();
            return provider;
        });
        services.AddHostedService<CorpusWatcher>();
        return services;
    }
}
