using Bot.Email;
using Bot.SavedReplies;
using Bot.Storage;
using Bot.Translation;
using Bot.Turns;
using Dialogs.Handoff;

namespace Bot.Handoff;

/// <summary>Registration of the guide queue, the guide API and the console's live connection.</summary>
internal static class HandoffServices
{
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration, StoreOptions store)
    {
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName);
        services.AddStore<ICaseStore, SqliteCaseStore, PostgresCaseStore>(store);
        services.AddSingleton<GuideNotifier>();
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<ReplyWindows>();
        services.AddMachineTranslation(configuration);
        services.AddSingleton<HandoffService>();
        services.AddSingleton<IHandoffService>(sp => sp.GetRequiredService<HandoffService>());
        services.AddSingleton<CaseViews>();
        services.AddSingleton<HandoffTimeouts>();
        services.AddHostedService(sp => sp.GetRequiredService<HandoffTimeouts>());
        var signalR = services.AddSignalR();
        if (store.RedisConfiguration is { } redis)
        {
            // The consoles on every instance hear about every case (SignalR's Redis backplane).
            signalR.AddStackExchangeRedis(options => options.Configuration = StorageServices.RedisOptions(redis));
        }
        services.AddEmailReplies(store);
        services.AddSavedReplies(store);
        return services;
    }

    public static IEndpointRouteBuilder MapHandoff(this IEndpointRouteBuilder app)
    {
        app.MapGuideApi();
        app.MapCaseFollowUp();
        app.MapSavedReplies();
        app.MapHub<GuideHub>(GuideHub.Path);
        return app;
    }
}
