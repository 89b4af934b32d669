using System.Globalization;
using System.Threading.RateLimiting;
using Bot.Alerts;
using Bot.Channels.Connector;
using Bot.Channels.DirectLine;
using Bot.Channels.Messenger;
using Bot.FaultReports;
using Bot.Guides;
using Bot.Handoff;
using Bot.KnowledgeOps;
using Bot.Privacy;
using Bot.Security;
using Bot.Statistics;
using Bot.Uploads;
using Dialogs.Handoff;
using Bot.Storage;
using Bot.Turns;
using Bot.Understanding;
using Understanding;
using Dialogs.Alerts;
using Dialogs.Engine;
using Dialogs.FaultReports;
using Dialogs.Main;
using Knowledge;

namespace Bot.Hosting;

/// <summary>The composition of the bot: clock, storage, knowledge, dialogs and channels.</summary>
internal static class BotServices
{
    public static WebApplicationBuilder AddCityBot(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var paths = BotPaths.Resolve(configuration, builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(paths);
        services.AddSingleton(Clock(configuration));
        services.AddSingleton(configuration.GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions());

        var (knowledge, problems) = KnowledgeProvider.Open(paths.ContentDirectory);
        if (knowledge is null)
        {
            throw new ContentInvalidException(problems);
        }
        services.AddSingleton(knowledge);

        services.AddSingleton(_ => new BotDatabase(paths.DataDirectory));
        services.AddSingleton<IKeyMaterialStore, SqliteKeyMaterialStore>();
        services.AddSingleton<SigningKeys>();
        // Rate limits and throttles count in real time, also when Bot:Now fixes the bot's clock for a demo.
        services.AddSingleton<IRateCounter>(_ => new MemoryRateCounter(TimeProvider.System));
        services.AddProxyConfiguration(configuration);
        services.AddSingleton<IConversationStore, SqliteConversationStore>();
        services.AddSingleton<IConversationStateStore, SqliteConversationStateStore>();
        services.AddSingleton<IBot>(sp => new CityBot(
            sp.GetRequiredService<KnowledgeProvider>(), sp.GetRequiredService<IConversationStateStore>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<BotOptions>(), sp.GetRequiredService<IHandoffService>(),
            recorder: sp.GetService<Dialogs.Learning.ITurnRecorder>(), faultReports: sp.GetRequiredService<IFaultReportStore>(), alerts: sp.GetRequiredService<IAlertSource>(),
            photos: sp.GetRequiredService<IOwnPhotos>(), understanding: sp.GetRequiredService<UnderstandingProvider>()));
        services.AddUnderstanding();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<TurnProcessor>();
        services.AddHandoff(configuration);
        services.AddFaultReports();
        services.AddAlerts();
        services.AddKnowledgeOperations(configuration);
        services.AddStatistics(configuration);
        services.AddPrivacy(configuration);
        services.AddUploads(configuration);

        services.AddSingleton<ConversationHub>();
        services.AddSingleton(sp => new DirectLineTokens(sp.GetRequiredService<SigningKeys>(), TimeProvider.System));
        services.AddSingleton<DirectLineActivityLimit>();
        services.AddSingleton<DirectLineAuth>();
        services.AddSingleton<DirectLineOutbox>();
        services.AddSingleton<DirectLineService>();
        services.AddSingleton<IChannelSender, DirectLineSender>();
        services.AddMessenger(configuration);
        services.AddBotConnector(configuration, builder.Environment);

        services.AddProblemDetails();
        services.AddExceptionHandler<ClientErrorHandler>();
        services.Configure<ExceptionHandlerOptions>(options => options.SuppressDiagnosticsCallback = ClientErrorHandler.IsClientError);
        services.AddCors(options => options.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent", "Accept")
            .WithMethods("GET", "POST", "OPTIONS")));
        var tokensPerMinute = configuration.GetValue("DirectLine:TokensPerMinute", 60);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(DirectLineEndpoints.CorsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = tokensPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.AddGuideAuthentication();
        return builder;
    }

    public static WebApplication UseCityBot(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // Everything from this origin only; 'self' covers the same-origin WebSocket of the widget and the console.
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            await next(context);
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The widget's ES modules are loaded by host pages on the city website (another origin): module scripts need CORS.
            OnPrepareResponse = context =>
            {
                if (context.Context.Request.Path.StartsWithSegments("/widget"))
                {
                    context.Context.Response.Headers.AccessControlAllowOrigin = "*";
                }
            },
        });

        // The database is opened when the first service needs it; resolve it now so start-up fails early.
        app.Services.GetRequiredService<BotDatabase>();
        app.MapGet("/healthz", (KnowledgeProvider knowledge, BotDatabase database) =>
        {
            using var connection = database.Open();
            return knowledge.Current.Knowledge.Entries.Count > 0
                ? Results.Json(new { status = "ok", entries = knowledge.Current.Knowledge.Entries.Count })
                : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapDirectLine();
        app.MapUploads();
        app.MapMessenger();
        app.MapBotConnector();
        app.MapAlerts();
        app.MapFaultReports();
        app.MapGuideSignIn();
        app.MapHandoff();
        app.MapKnowledgeOperations();
        app.MapLearningAndPrivacy();
        return app;
    }

    private static TimeProvider Clock(IConfiguration configuration)
    {
        var now = configuration["Bot:Now"];
        if (string.IsNullOrWhiteSpace(now))
        {
            return TimeProvider.System;
        }
        return DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.None, out var fixedNow)
            ? new FixedTimeProvider(fixedNow)
            : throw new InvalidOperationException("Bot:Now must be an ISO 8601 time with offset, e.g. 2026-12-22T10:00:00+01:00.");
    }
}
