using Bot.Channels.DirectLine;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary><c>POST /api/messages</c>: activities from Azure Bot Service (design/protocols.md §4).</summary>
internal static class ConnectorEndpoints
{
    public static IEndpointRouteBuilder MapBotConnector(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", ReceiveAsync);
        if (app.ServiceProvider.GetRequiredService<ConnectorOptions>().EmulatorMode)
        {
            ConnectorLog.EmulatorMode(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorEndpoints)));
        }
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, ConnectorOptions options, ConnectorAuthenticator authenticator, ConnectorService connector,
        ILogger<ConnectorService> logger, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            ConnectorLog.Rejected(logger, "no MicrosoftAppId configured");
            return Unauthorized("The Bot Connector endpoint is not configured (MicrosoftAppId).");
        }
        string? authorization = context.Request.Headers.Authorization;
        if (options.AuthenticationEnabled && string.IsNullOrEmpty(authorization))
        {
            ConnectorLog.Rejected(logger, "no Authorization header");
            return Unauthorized("Send the Bot Framework token as 'Authorization: Bearer …'.");
        }
        var (activity, problem) = await DirectLineEndpoints.ReadActivityAsync(context.Request, cancellationToken);
        if (activity is null)
        {
            return problem!;
        }
        if (Missing(activity) is { } missing)
        {
            return DirectLineErrors.BadArgument(missing);
        }
        if (!options.AuthenticationEnabled && !IsLoopback(activity.ServiceUrl!))
        {
            // Unauthenticated (Emulator) traffic must not make the bot call arbitrary addresses (SSRF).
            ConnectorLog.Rejected(logger, "Emulator mode: serviceUrl is not a loopback address");
            return DirectLineErrors.Json(StatusCodes.Status403Forbidden, "Forbidden",
                "Without MicrosoftAppId (Emulator mode) the bot replies only to a serviceUrl on this machine (localhost, 127.0.0.1, [::1]).");
        }
        if (options.AuthenticationEnabled && await authenticator.ValidateAsync(authorization, activity, cancellationToken) is { } failure)
        {
            ConnectorLog.Rejected(logger, failure);
            return Unauthorized("The token is not valid for this bot and activity.");
        }
        if (activity.Type == ActivityTypes.Invoke)
        {
            // The bot uses no invoke-based features (card actions arrive as messages); as the SDK does for unhandled invokes.
            return Results.StatusCode(StatusCodes.Status501NotImplemented);
        }
        await connector.ReceiveAsync(activity, cancellationToken);
        return Results.Ok();
    }

    private static string? Missing(Activity activity) =>
        string.IsNullOrWhiteSpace(activity.ChannelId) ? "The activity needs a 'channelId'."
        : string.IsNullOrWhiteSpace(activity.Conversation?.Id) ? "The activity needs a 'conversation.id'."
        : !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            ? "The activity needs an absolute http(s) 'serviceUrl'."
        : null;

    /// <summary>localhost or a loopback IP literal; no name is resolved, so DNS cannot point it elsewhere.</summary>
    private static bool IsLoopback(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url)
        && (url.IsLoopback && (string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(url.IdnHost, out var address) && System.Net.IPAddress.IsLoopback(address))));

    private static IResult Unauthorized(string message) =>
        DirectLineErrors.Json(StatusCodes.Status401Unauthorized, "Unauthorized", message);
}
