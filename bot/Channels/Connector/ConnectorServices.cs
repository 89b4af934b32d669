using Bot.Storage;
using Bot.Turns;

namespace Bot.Channels.Connector;

/// <summary>Registration of the Bot Connector channel (Azure Bot Service).</summary>
internal static class ConnectorServices
{
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, StoreOptions store)
    {
        services.AddSingleton(ConnectorOptions.From(configuration, environment));
        services.AddSingleton(new ConnectorClock(TimeProvider.System));
        services.AddHttpClient(ConnectorClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<ConnectorSigningKeys>();
        services.AddSingleton<ConnectorAuthenticator>();
        services.AddSingleton<ConnectorTokens>();
        services.AddSingleton<ConnectorClient>();
        services.AddStore<IConnectorConversations, ConnectorConversations, PostgresConnectorConversations>(store);
        services.AddSingleton<ConnectorTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectorTurns>());
        services.AddSingleton<ConnectorOutbox>();
        services.AddSingleton<ConnectorService>();
        services.AddSingleton<ITurnReplyChannel>(sp => sp.GetRequiredService<ConnectorService>());
        services.AddSingleton<IConversationSender, ConnectorSender>();
        return services;
    }
}
