using Bot.Hosting;
using Dialogs.Dates;
using Knowledge;
using Understanding;
using Understanding.Models;

namespace Bot.Understanding;

/// <summary>The learned understanding: the trained models, and keeping them current with the knowledge and the corpus.</summary>
internal static class UnderstandingServices
{
    /// <param name="models">The trained models, being loaded (see <see cref="StartLoadingModels"/>).</param>
    public static IServiceCollection AddUnderstanding(this IServiceCollection services, Task<ModelSet?> models)
    {
        services.AddSingleton(sp =>
        {
            var paths = sp.GetRequiredService<BotPaths>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<UnderstandingProvider>();
            var knowledge = sp.GetRequiredService<KnowledgeProvider>();
            var provider = new UnderstandingProvider(knowledge, paths.TrainingDirectory, paths.ModelDirectory, models.GetAwaiter().GetResult(),
                message => logger.LogInformation("{Message}", message), DateMentionRecognizer.WithoutDates);
            knowledge.Reloaded += _ => provider.Refresh();
            return provider;
        });
        services.AddHostedService<CorpusWatcher>();
        return services;
    }

    /// <summary>Starts loading the trained models, which takes about a second and needs nothing else, while the knowledge is indexed.</summary>
    public static Task<ModelSet?> StartLoadingModels(BotPaths paths) => Task.Run(() => ModelSet.Load(paths.ModelDirectory));
}
