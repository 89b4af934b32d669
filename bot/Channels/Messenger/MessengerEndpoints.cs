using System.Text.Json;
using Bot.Storage;
using Bot.Turns;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Messenger;

/// <summary>
/// The Messenger webhook (<c>/api/messenger</c>): the verification handshake, and signed event
/// deliveries stored in the inbox before Meta gets its 200.
/// </summary>
internal static class MessengerEndpoints
{
    public const string Path = "/api/messenger";
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Registers the channel when <c>Messenger:AppSecret</c>, <c>PageAccessToken</c> and <c>VerifyToken</c> are all set.</summary>
    public static IServiceCollection AddMessenger(this IServiceCollection services, IConfiguration configuration, StoreOptions store)
    {
        var section = configuration.GetSection(MessengerOptions.SectionName);
        services.AddOptions<MessengerOptions>().Bind(section);
        if (!(section.Get<MessengerOptions>() ?? new MessengerOptions()).Enabled)
        {
            return services;
        }
        services.AddHttpClient<MessengerGraphClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddStore<IMessengerInbox, SqliteMessengerInbox, PostgresMessengerInbox>(store);
        services.AddHttpClient(MessengerPhotos.ClientName, client => client.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<MessengerPhotos>();
        services.AddSingleton<MessengerReplyWindows>();
        services.AddSingleton<IReplyWindowSource>(sp => sp.GetRequiredService<MessengerReplyWindows>());
        services.AddSingleton<MessengerOutbox>();
        services.AddSingleton<MessengerChannel>();
        services.AddSingleton<IChannelSender, MessengerSender>();
        services.AddSingleton<MessengerWorker>();
        services.AddStore<Bot.Privacy.IPersonalDataStore, MessengerPersonalData, PostgresMessengerPersonalData>(store);
        services.AddHostedService(sp => sp.GetRequiredService<MessengerWorker>());
        return services;
    }

    /// <summary>Maps the webhook when the channel is on; otherwise <c>/api/messenger</c> does not exist (404).</summary>
    public static IEndpointRouteBuilder MapMessenger(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MessengerOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }
        app.MapGet(Path, Verify);
        app.MapPost(Path, ReceiveAsync);
        return app;
    }

    /// <summary>Meta checks the callback URL: echo the challenge when the verify token is ours.</summary>
    private static IResult Verify(HttpRequest request, IOptions<MessengerOptions> options, ILogger<MessengerWorker> logger)
    {
        var query = request.Query;
        var token = query["hub.verify_token"].ToString();
        var expected = options.Value.VerifyToken!;
        if (query["hub.mode"] == "subscribe"
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            MessengerLog.Verified(logger);
            return Results.Text(query["hub.challenge"].ToString(), "text/plain");
        }
        MessengerLog.Rejected(logger, "VerifyTokenMismatch");
        return Error(StatusCodes.Status403Forbidden, "Forbidden", "hub.mode must be 'subscribe' and hub.verify_token must match Messenger:VerifyToken.");
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IMessengerInbox inbox, MessengerWorker worker, IOptions<MessengerOptions> options, ILogger<MessengerWorker> logger, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        // The signature covers the bytes exactly as sent: read them before any parsing.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (!MessengerSignature.IsValid(body, request.Headers[MessengerSignature.Header], options.Value.AppSecret!))
        {
            MessengerLog.Rejected(logger, "BadSignature");
            return Error(StatusCodes.Status401Unauthorized, "BadSignature", $"The {MessengerSignature.Header} header is missing or does not match the body.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            MessengerLog.Rejected(logger, "BadJson");
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not JSON.");
        }
        using (document)
        {
            var (events, ignored) = MessengerWebhook.Parse(document.RootElement);
            var added = events.Count > 0 ? await inbox.AddAsync(events, CancellationToken.None) : 0;
            if (added > 0)
            {
                worker.Wake();
            }
            MessengerLog.Delivery(logger, added, events.Count - added, ignored);
        }
        return Results.Text("EVENT_RECEIVED", "text/plain");
    }

    private static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, "TooLarge", $"The body is larger than {MaxBodyBytes / 1024} KB.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}
