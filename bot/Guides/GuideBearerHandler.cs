using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bot.Guides;

/// <summary>
/// The "GuideBearer" scheme: <c>Authorization: Bearer &lt;token from POST /api/guide/login&gt;</c>, or
/// <c>?access_token=</c> only on the console hub's negotiate, WebSocket and server-sent-event requests, which
/// browsers cannot give a header (SignalR's convention); anywhere else a token in the address (where it
/// ends up in logs and browser history) is ignored. Except for console page loads it answers a challenge
/// with 401 and a JSON problem, never a redirect.
/// </summary>
internal sealed class GuideBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, GuideBearerTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string Prefix = "Bearer ";
    private const int MaxTokenLength = 8 * 1024;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            token = header[Prefix.Length..].Trim();
        }
        else if (IsHubConnectionRequest() && Request.Query["access_token"].ToString() is { Length: > 0 } queryToken)
        {
            token = queryToken;
        }
        else
        {
            return AuthenticateResult.NoResult();
        }
        if (token.Length == 0 || token.Length > MaxTokenLength || await tokens.ValidateAsync(token, Context.RequestAborted) is not { } valid)
        {
            GuideLog.BearerTokenRejected(Logger);
            return AuthenticateResult.Fail("The guide token is invalid, has expired or was revoked: sign in again with POST /api/guide/login.");
        }
        var principal = GuideClaims.CreatePrincipal(valid.Account, Scheme.Name, valid.SessionId);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (GuidePaths.IsConsolePageRequest(Request))
        {
            return; // the cookie scheme sends console pages to the sign-in page
        }
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = result.Failure?.Message ?? "Sign in first: send 'Authorization: Bearer <token>' with a token from POST /api/guide/login.";
        await WriteAsync(GuideProblems.Unauthorized(detail), StatusCodes.Status401Unauthorized);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items[GuideProblems.ForbiddenReasonKey] as string ?? "This guide may not do this.";
        await WriteAsync(GuideProblems.Forbidden(detail), StatusCodes.Status403Forbidden);
    }

    private async Task WriteAsync(ProblemHttpResult problem, int statusCode)
    {
        if (Response.HasStarted)
        {
            return;
        }
        if (GuidePaths.IsConsolePageRequest(Request))
        {
            Response.StatusCode = statusCode;
            return;
        }
        await problem.ExecuteAsync(Context);
    }

    /// <summary>The console hub's negotiate request, or its WebSocket or server-sent-event connection.</summary>
    private bool IsHubConnectionRequest() =>
        Request.Path.StartsWithSegments(Handoff.GuideHub.Path, StringComparison.OrdinalIgnoreCase, out var rest)
        && (rest.Value is "/negotiate" || (rest.Value is null or "" && (Context.WebSockets.IsWebSocketRequest
            || Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))));
}
