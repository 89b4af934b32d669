using Knowledge;

namespace Bot.KnowledgeOps;

/// <summary>Hot reload, edits from the learning inbox, and the optional Azure question-answering backend.</summary>
internal static class KnowledgeOperations
{
    public static IServiceCollection AddKnowledgeOperations(this IServiceCollection services, IConfiguration configuration, Bot.Storage.StoreOptions store)
    {
        services.AddSingleton(KnowledgeOperationsOptions.From(configuration));
        services.AddSingleton<KnowledgeReloads>();
        services.AddSingleton<KnowledgeEditor>();
        services.AddHostedService<ContentWatcher>();
        if (store.Postgres)
        {
            services.AddSingleton<SharedKnowledge>();
            services.AddHostedService(sp => sp.GetRequiredService<SharedKnowledge>());
        }
        if (AzureQuestionAnsweringOptions.From(configuration) is { } azure)
        {
            services.AddSingleton(azure);
            services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }));
            services.AddSingleton<AzureQuestionAnsweringSource>();
            services.AddHostedService<AnswerSourceActivation>();
        }
        return services;
    }

    /// <summary>Switches the bot to the configured remote answer source when the host starts.</summary>
    private sealed class AnswerSourceActivation(KnowledgeProvider knowledge, AzureQuestionAnsweringSource azure, AzureQuestionAnsweringOptions options, ILogger<AnswerSourceActivation> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            knowledge.UseAnswerSource(azure);
            logger.LogInformation("Answers come from Azure question answering project {Project} ({Deployment}) at {Endpoint}", options.Project, options.Deployment, options.Endpoint.Host);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
