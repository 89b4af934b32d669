using Bot.Email;
using Bot.SavedReplies;
using Bot.Turns;
using Dialogs.Handoff;

namespace Bot.Handoff;

/// <summary>Registration of the guide queue, the guide API and the console's live connection.</summary>
internal static class HandoffServices
{
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName);
        services.AddSingleton<ICaseStore, SqliteCaseStore>();
        services.AddSingleton<GuidePresence>();
        services.AddSingleton<GuideNotifier>();
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<ReplyWindows>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<IHandoffService>(sp => sp.GetRequiredService<HandoffService>());
        services.AddSingleton<CaseViews>();
        services.AddSingleton<HandoffTimeouts>();
        services.AddHostedService(sp => sp.GetRequiredService<HandoffTimeouts>());
        services.AddSignalR();
        services.AddEmailReplies();
        services.AddSavedReplies();
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
