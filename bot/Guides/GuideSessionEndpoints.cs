using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace Bot.Guides;

/// <summary>
/// Guides' sessions in the API: sign out a token or cookie, list and end one's sessions, change one's
/// password (which ends every other session), and for administrators the same for any guide.
/// </summary>
internal static class GuideSessionEndpoints
{
    private sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapGuideSessions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/guide").RequireAuthorization(GuidePolicies.Guide);

        api.MapPost("/logout", async (HttpContext context, GuideSessions sessions, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var guide = GuideIdentity.From(context.User)!;
            if (guide.SessionId is { } id)
            {
                await sessions.EndAsync(id, cancellationToken);
            }
            if (context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == GuideAuthentication.CookieScheme))
            {
                await context.SignOutAsync(GuideAuthentication.CookieScheme);
            }
            GuideLog.SignedOut(loggers.CreateLogger(typeof(GuideSessionEndpoints)), guide.UserName);
            return Results.NoContent();
        });

        api.MapGet("/sessions", async (string? user, HttpContext context, GuideAccountStore accounts, GuideSessions sessions, CancellationToken cancellationToken) =>
        {
            var guide = GuideIdentity.From(context.User)!;
            var userName = user ?? guide.UserName;
            if (!string.Equals(userName, guide.UserName, StringComparison.OrdinalIgnoreCase) && !guide.IsAdmin)
            {
                return GuideProblems.Forbidden("Only an administrator may see other guides' sessions.");
            }
            if (accounts.Find(userName) is not { } account)
            {
                return GuideProblems.NotFound("There is no guide with that user name.");
            }
            var list = await sessions.ListAsync(account.UserName, cancellationToken);
            return Results.Json(list.Select(s => new { id = s.Id, userName = s.UserName, kind = s.Kind, createdAt = s.CreatedAt, expiresAt = s.ExpiresAt, current = s.Id == guide.SessionId }));
        });

        api.MapDelete("/sessions/{id}", async (string id, HttpContext context, GuideSessions sessions, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var guide = GuideIdentity.From(context.User)!;
            if (await sessions.FindAsync(id, cancellationToken) is not { } session
                || !(guide.IsAdmin || string.Equals(session.UserName, guide.UserName, StringComparison.OrdinalIgnoreCase)))
            {
                return GuideProblems.NotFound("There is no such session of yours.");
            }
            await sessions.EndAsync(id, cancellationToken);
            GuideLog.SessionsEnded(loggers.CreateLogger(typeof(GuideSessionEndpoints)), guide.UserName, 1, session.UserName);
            return Results.NoContent();
        });

        api.MapDelete("/accounts/{userName}/sessions", async (string userName, HttpContext context, GuideAccountStore accounts, GuideSessions sessions, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var guide = GuideIdentity.From(context.User)!;
            if (!guide.IsAdmin)
            {
                return GuideProblems.Forbidden("Only an administrator may end other guides' sessions.");
            }
            if (accounts.Find(userName) is not { } account)
            {
                return GuideProblems.NotFound("There is no guide with that user name.");
            }
            var ended = await sessions.EndAllAsync(account.UserName, null, cancellationToken);
            GuideLog.SessionsEnded(loggers.CreateLogger(typeof(GuideSessionEndpoints)), guide.UserName, ended, account.UserName);
            return Results.Json(new { userName = account.UserName, ended });
        });

        api.MapPost("/password", async (HttpContext context, GuideAccountStore accounts, GuidePasswords passwords, GuideSessions sessions,
            GuideSignInThrottle throttle, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            PasswordRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<PasswordRequest>(cancellationToken);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                return GuideProblems.BadRequest("Send JSON { \"currentPassword\", \"newPassword\" }.");
            }
            var newPassword = request?.NewPassword ?? "";
            if (string.IsNullOrEmpty(request?.CurrentPassword) || newPassword.Length < HashPasswordCommand.MinPasswordLength
                || newPassword.Length > GuideSignInEndpoints.MaxPasswordLength)
            {
                return GuideProblems.BadRequest($"currentPassword is required, and newPassword must have {HashPasswordCommand.MinPasswordLength} to {GuideSignInEndpoints.MaxPasswordLength} characters.");
            }
            var guide = GuideIdentity.From(context.User)!;
            var account = accounts.Find(guide.UserName)!;
            // The current password is a password check like a sign-in: it counts against the same throttle.
            var (attempt, wait) = await throttle.BeginAsync(account.UserName, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", cancellationToken);
            if (attempt is null)
            {
                return GuideProblems.TooManyAttempts(wait!.Value);
            }
            if (!await passwords.ChangeAsync(account, request.CurrentPassword, newPassword, cancellationToken))
            {
                return GuideProblems.Forbidden("The current password is wrong.");
            }
            await attempt.SucceededAsync(cancellationToken);
            var ended = await sessions.EndAllAsync(account.UserName, guide.SessionId, cancellationToken);
            GuideLog.PasswordChanged(loggers.CreateLogger(typeof(GuideSessionEndpoints)), account.UserName, ended);
            return Results.NoContent();
        });
        return app;
    }
}
