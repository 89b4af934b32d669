using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Guides;

/// <summary>
/// Guide sign-in: the console's form (<c>/guide/login</c>, cookie) and the API's token endpoint
/// (<c>POST /api/guide/login</c>, bearer token), both against <see cref="GuideAccountStore"/> and
/// both slowed down by <see cref="GuideSignInThrottle"/>.
/// </summary>
internal static class GuideSignInEndpoints
{
    public const int MaxUserNameLength = 256;
    public const int MaxPasswordLength = 1024;
    private const int MaxJsonBytes = 16 * 1024;
    private const string LoginPage = "guide/login.html";

    public static IEndpointRouteBuilder MapGuideSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(GuidePaths.Login, ShowLoginPage).AllowAnonymous().WithName("GuideLoginPage");
        app.MapPost(GuidePaths.Login, SignInWithFormAsync).AllowAnonymous().WithName("GuideLoginForm");
        app.MapPost(GuidePaths.Logout, SignOutAsync).AllowAnonymous().WithName("GuideLogout");
        app.MapPost("/api/guide/login", SignInForTokenAsync).AllowAnonymous().WithName("GuideLogin")
            .WithSummary("Signs a guide in and returns a bearer token for the guide API.");
        app.MapGuideSessions();
        return app;
    }

    private static Results<FileStreamHttpResult, RedirectHttpResult, NotFound> ShowLoginPage(HttpContext context, IWebHostEnvironment environment)
    {
        if (GuideIdentity.From(context.User) is not null)
        {
            return TypedResults.LocalRedirect(GuidePaths.SafeReturnUrl(context.Request.Query["returnUrl"]) ?? GuidePaths.Console);
        }
        var page = environment.WebRootFileProvider.GetFileInfo(LoginPage);
        if (!page.Exists)
        {
            return TypedResults.NotFound();
        }
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
    }

    private static async Task<Results<RedirectHttpResult, StatusCodeHttpResult>> SignInWithFormAsync(
        HttpContext context, GuideAccountStore accounts, GuidePasswords passwords, GuideSignInThrottle throttle, GuideSessions sessions,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(GuideSignInEndpoints));
        // Login CSRF: another site must not sign a browser in (to an account of the attacker's).
        if (context.Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
        {
            GuideLog.CrossSiteSignInRefused(logger);
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!context.Request.HasFormContentType)
        {
            return BackToLoginPage("1", null);
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var returnUrl = GuidePaths.SafeReturnUrl(form["returnUrl"]);
        var (account, retryAfter) = await CheckAsync(context, accounts, passwords, throttle, logger, form["userName"], form["password"], "form", cancellationToken);
        if (account is null)
        {
            return BackToLoginPage(retryAfter is null ? "1" : "2", returnUrl);
        }
        var session = await sessions.StartAsync(account, GuideSessionKinds.Console, GuideAuthentication.SessionLifetime, cancellationToken);
        var principal = GuideClaims.CreatePrincipal(account, GuideAuthentication.CookieScheme, session.Id);
        await context.SignInAsync(GuideAuthentication.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return TypedResults.LocalRedirect(returnUrl ?? GuidePaths.Console);
    }

    /// <summary>Signs the console out: the session ends on the server too, so a copy of the cookie no longer works.</summary>
    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, GuideSessions sessions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var cookie = await context.AuthenticateAsync(GuideAuthentication.CookieScheme);
        if (GuideIdentity.From(cookie.Principal) is { } guide)
        {
            if (guide.SessionId is { } id)
            {
                await sessions.EndAsync(id, cancellationToken);
            }
            GuideLog.SignedOut(loggers.CreateLogger(typeof(GuideSignInEndpoints)), guide.UserName);
        }
        await context.SignOutAsync(GuideAuthentication.CookieScheme);
        return TypedResults.LocalRedirect(GuidePaths.Login + "?loggedOut=1");
    }

    private static async Task<Results<Ok<GuideLoginResponse>, ProblemHttpResult>> SignInForTokenAsync(
        HttpContext context, GuideAccountStore accounts, GuidePasswords passwords, GuideSignInThrottle throttle, GuideBearerTokens tokens,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(GuideSignInEndpoints));
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem("Send JSON { \"userName\", \"password\" } with Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
        if (request.ContentLength > MaxJsonBytes)
        {
            return TypedResults.Problem("The body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxJsonBytes;
        }
        GuideLoginRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<GuideLoginRequest>(request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            return GuideProblems.BadRequest("The body is not valid JSON: send { \"userName\", \"password\" }.");
        }
        catch (BadHttpRequestException)
        {
            return TypedResults.Problem("The body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }
        if (string.IsNullOrWhiteSpace(body?.UserName) || string.IsNullOrEmpty(body.Password))
        {
            return GuideProblems.BadRequest("Both userName and password are required.");
        }

        var (account, retryAfter) = await CheckAsync(context, accounts, passwords, throttle, logger, body.UserName, body.Password, "token", cancellationToken);
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return GuideProblems.TooManyAttempts(wait);
        }
        if (account is null)
        {
            return GuideProblems.Unauthorized("Wrong user name or password.");
        }
        var (token, expiresAt) = await tokens.IssueAsync(account, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new GuideLoginResponse(token, expiresAt));
    }

    /// <summary>
    /// Checks a user name and password; counts failures. RetryAfter is set (and the password not even
    /// checked) while the account, the address or both have too many recent failures. The address is the
    /// client's, as the known reverse proxies report it (ForwardedHeaders).
    /// </summary>
    private static async Task<(GuideAccount? Account, TimeSpan? RetryAfter)> CheckAsync(
        HttpContext context, GuideAccountStore accounts, GuidePasswords passwords, GuideSignInThrottle throttle, ILogger logger,
        string? userName, string? password, string method, CancellationToken cancellationToken)
    {
        userName = userName?.Trim() ?? "";
        password ??= "";
        if (userName.Length is 0 or > MaxUserNameLength || password.Length is 0 or > MaxPasswordLength)
        {
            return (null, null);
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var known = accounts.Find(userName)?.UserName ?? "(unknown user)";
        var (attempt, wait) = await throttle.BeginAsync(userName, address, cancellationToken);
        if (attempt is null)
        {
            GuideLog.SignInThrottled(logger, known, address);
            return (null, wait);
        }
        if (await passwords.VerifyAsync(userName, password, cancellationToken) is not { } account)
        {
            GuideLog.SignInFailed(logger, known, address, method);
            return (null, null);
        }
        await attempt.SucceededAsync(cancellationToken);
        GuideLog.SignedIn(logger, account.UserName, method);
        return (account, null);
    }

    private static RedirectHttpResult BackToLoginPage(string error, string? returnUrl)
    {
        var query = new Dictionary<string, string?> { ["error"] = error };
        if (returnUrl is not null)
        {
            query["returnUrl"] = returnUrl;
        }
        return TypedResults.LocalRedirect(QueryHelpers.AddQueryString(GuidePaths.Login, query));
    }
}
