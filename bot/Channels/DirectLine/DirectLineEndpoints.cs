using System.Text;
using System.Text.Json;
using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.DirectLine;

/// <summary>The Direct Line 3.0 REST surface (design/protocols.md §3) and the website token endpoint.</summary>
internal static class DirectLineEndpoints
{
    public const int MaxActivityBytes = 256 * 1024;
    public const int MaxTextLength = 5000;
    public const string CorsPolicy = "DirectLine";

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/directline/token", CreateWebsiteTokenAsync)
            .RequireCors(CorsPolicy)
            .WithName("CreateDirectLineToken");

        var group = app.MapGroup("/v3/directline").RequireCors(CorsPolicy);
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshTokenAsync);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapPost("/conversations/{conversationId}/upload", DirectLineUploads.UploadAsync);
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStream.AcceptAsync);
        group.MapGet("/session/getsessionid", () => Results.Json(new { sessionId = "" }));
        return app;
    }

    /// <summary>
    /// The website's token endpoint: a new conversation and user id chosen by the bot. Only a caller with the
    /// Direct Line secret may name the user (a resident could otherwise join another resident's user id and so
    /// their data export); without it a requested id is ignored.
    /// </summary>
    private static async Task<IResult> CreateWebsiteTokenAsync(
        HttpContext context, DirectLineAuth auth, DirectLineService directLine, DirectLineTokenLimit limit, CancellationToken cancellationToken)
    {
        if (await limit.CountAsync(context, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }
        var body = await ReadOptionalBodyAsync(context.Request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }
        var bySecret = context.Request.Headers.Authorization.Count > 0 && auth.Authenticate(context).Caller is { IsSecret: true };
        var conversation = await directLine.CreateConversationAsync(bySecret ? body.Value?.User?.Id : null, cancellationToken);
        return Results.Json(new { token = conversation.Token, conversationId = conversation.ConversationId, expires_in = conversation.ExpiresIn });
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext context, DirectLineAuth auth, DirectLineService directLine, CancellationToken cancellationToken)
    {
        var (caller, error) = auth.Authenticate(context);
        if (caller is null)
        {
            return error!;
        }
        if (!caller.IsSecret)
        {
            return DirectLineErrors.Json(StatusCodes.Status403Forbidden, "Forbidden", "Generating tokens needs the Direct Line secret.");
        }
        var body = await ReadOptionalBodyAsync(context.Request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }
        return Results.Json(await directLine.CreateConversationAsync(body.Value?.User?.Id, cancellationToken));
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext context, DirectLineAuth auth, IConversationStore store, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var (caller, error) = auth.Authenticate(context);
        if (caller is null)
        {
            return error!;
        }
        if (caller.IsSecret || caller.ConversationId is null)
        {
            return DirectLineErrors.BadArgument("Only a token can be refreshed.");
        }
        if (await store.GetAsync(caller.ConversationId, cancellationToken) is not { } conversation)
        {
            return DirectLineErrors.UnknownConversation();
        }
        return Results.Json(new DirectLineConversation(conversation.Id, tokens.Issue(conversation.Id, conversation.UserId), (int)DirectLineTokens.Lifetime.TotalSeconds, null));
    }

    private static async Task<IResult> StartConversationAsync(HttpContext context, DirectLineAuth auth, DirectLineService directLine, IConversationStore store, CancellationToken cancellationToken)
    {
        var (caller, error) = auth.Authenticate(context);
        if (caller is null)
        {
            return error!;
        }
        var body = await ReadOptionalBodyAsync(context.Request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }
        var conversationId = caller.IsSecret
            ? (await directLine.CreateConversationAsync(body.Value?.User?.Id, cancellationToken)).ConversationId
            : caller.ConversationId!;
        if (await store.GetAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return DirectLineErrors.UnknownConversation();
        }
        var started = await directLine.StartAsync(conversation, body.Value?.Locale, ServiceUrl(context.Request), cancellationToken);
        var described = directLine.Describe(conversation, context.Request, null);
        return started ? Results.Json(described, statusCode: StatusCodes.Status201Created) : Results.Json(described);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpContext context, DirectLineAuth auth, DirectLineService directLine, IConversationStore store, CancellationToken cancellationToken)
    {
        var (conversation, error) = await AuthorizeAsync(context, conversationId, auth, store, cancellationToken);
        if (conversation is null)
        {
            return error!;
        }
        return Results.Json(directLine.Describe(conversation, context.Request, watermark));
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpContext context, DirectLineAuth auth, IConversationStore store, ILogger<DirectLineService> logger, CancellationToken cancellationToken)
    {
        var (conversation, error) = await AuthorizeAsync(context, conversationId, auth, store, cancellationToken);
        if (conversation is null)
        {
            return error!;
        }
        var from = Watermark(watermark);
        try
        {
            var activities = await store.GetActivitiesAsync(conversation.Id, from, cancellationToken);
            var next = activities.Count > 0 ? activities[^1].Sequence + 1 : from;
            return Results.Json(new ActivitySet(activities.Select(a => a.Activity).ToList(), next.ToString(System.Globalization.CultureInfo.InvariantCulture)), ActivityJson.Options);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Direct Line JS stops polling for good after one error response: answer an empty page instead.
            DirectLineLog.ReadFailed(logger, exception, conversation.Id);
            return Results.Json(new ActivitySet([], from.ToString(System.Globalization.CultureInfo.InvariantCulture)), ActivityJson.Options);
        }
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpContext context, DirectLineAuth auth, DirectLineService directLine, IConversationStore store,
        DirectLineActivityLimit limit, ILogger<DirectLineService> logger, CancellationToken cancellationToken)
    {
        var (conversation, error) = await AuthorizeAsync(context, conversationId, auth, store, cancellationToken);
        if (conversation is null)
        {
            return error!;
        }
        if (await limit.CountAsync(context, conversation.Id, cancellationToken) is { } tooMany)
        {
            DirectLineLog.Rejected(logger, "TooManyRequests", conversation.Id);
            return tooMany;
        }
        var (activity, problem) = await ReadActivityAsync(context.Request, cancellationToken);
        if (activity is null)
        {
            DirectLineLog.Rejected(logger, "BadActivity", conversation.Id);
            return problem!;
        }
        var (caller, _) = auth.Authenticate(context);
        var userId = caller!.IsSecret ? activity.From?.Id ?? conversation.UserId : conversation.UserId;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var queue = TurnQueueTime.Begin();
        var id = await directLine.PostAsync(conversation, activity, userId, ServiceUrl(context.Request), cancellationToken);
        // For monitoring and the bench: how long the turn waited for a place (Bot:MaxConcurrentTurns), and how
        // long storing the activity and running the bot's turn took after that.
        var waited = queue.Waited.TotalMilliseconds;
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant(
            $"queue;dur={waited:0.00}, turn;dur={System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds - waited:0.00}");
        return Results.Json(new ResourceResponse(id));
    }

    /// <summary>Checks the caller may use the conversation; the error is a Direct Line JSON error.</summary>
    public static async Task<(ConversationRecord? Conversation, IResult? Error)> AuthorizeAsync(
        HttpContext context, string conversationId, DirectLineAuth auth, IConversationStore store, CancellationToken cancellationToken)
    {
        var (caller, error) = auth.Authenticate(context);
        if (caller is null)
        {
            return (null, error);
        }
        if (!caller.CanAccess(conversationId))
        {
            return (null, DirectLineErrors.WrongConversation());
        }
        var conversation = await store.GetAsync(conversationId, cancellationToken);
        return conversation is null ? (null, DirectLineErrors.UnknownConversation()) : (conversation, null);
    }

    public static int Watermark(string? watermark) =>
        int.TryParse(watermark, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w) && w >= 0 ? w : 0;

    public static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";

    /// <summary>Reads and checks a posted activity: size, JSON, type, and text without control characters.</summary>
    public static async Task<(Activity? Activity, IResult? Error)> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (json, sizeError) = await ReadLimitedAsync(request, cancellationToken);
        if (json is null)
        {
            return (null, sizeError);
        }
        return ParseActivity(json);
    }

    public static (Activity? Activity, IResult? Error) ParseActivity(string json)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(json, ActivityJson.Options);
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.BadArgument("The body is not a valid JSON activity."));
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, DirectLineErrors.BadArgument("The activity needs a 'type'."));
        }
        if (activity.Text is { } text)
        {
            if (text.Length > MaxTextLength)
            {
                return (null, DirectLineErrors.BadArgument($"The text is longer than {MaxTextLength} characters."));
            }
            if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                return (null, DirectLineErrors.BadArgument("The text contains control characters."));
            }
        }
        return (activity, null);
    }

    private static async Task<(string? Json, IResult? Error)> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxActivityBytes)
        {
            return (null, DirectLineErrors.TooLarge(MaxActivityBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxActivityBytes)
                {
                    return (null, DirectLineErrors.TooLarge(MaxActivityBytes));
                }
            }
        }
        catch (BadHttpRequestException)
        {
            // The client sent less than it announced, or broke the chunked encoding: its mistake, not ours.
            return (null, DirectLineErrors.BadArgument("The request body is incomplete."));
        }
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, DirectLineErrors.BadArgument("The body is not UTF-8 text."));
        }
    }

    private static async Task<(TokenRequest? Value, IResult? Error)> ReadOptionalBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (json, error) = await ReadLimitedAsync(request, cancellationToken);
        if (json is null)
        {
            return (null, error);
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, null);
        }
        try
        {
            return (JsonSerializer.Deserialize<TokenRequest>(json, ActivityJson.Options), null);
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.BadArgument("The body is not valid JSON."));
        }
    }
}
