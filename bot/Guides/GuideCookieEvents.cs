using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Bot.Guides;

/// <summary>
/// The console cookie's behaviour: console page loads go to the sign-in page, everything else (the
/// API, the console's scripts and live connection) gets a status code. A cookie works only while its
/// server-side session is active (ended by signing out, a password change or an administrator) and its
/// account exists with the same configured password.
/// </summary>
internal sealed class GuideCookieEvents(GuideAccountStore accounts, GuideSessions sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var userName = context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var sessionId = context.Principal?.FindFirst(GuideClaims.Session)?.Value;
        var account = userName is null ? null : accounts.Find(userName);
        if (account is null || sessionId is null || context.Principal!.FindFirst(GuideClaims.Stamp)?.Value != GuideClaims.StampOf(account)
            || !await sessions.IsActiveAsync(sessionId, account.UserName, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(GuideAuthentication.CookieScheme);
            return;
        }
        if (context.ShouldRenew)
        {
            // The cookie slides forward with use; so does its session.
            await sessions.ExtendAsync(sessionId, GuideAuthentication.SessionLifetime, context.HttpContext.RequestAborted);
        }
        // Display name and groups as configured now.
        context.ReplacePrincipal(GuideClaims.CreatePrincipal(account, GuideAuthentication.CookieScheme, sessionId));
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (GuidePaths.IsConsolePageRequest(request))
        {
            // A relative address, so that it is right behind a proxy too.
            var returnUrl = request.PathBase + request.Path + request.QueryString;
            context.Response.Redirect(request.PathBase + GuidePaths.Login + QueryString.Create(context.Options.ReturnUrlParameter, returnUrl));
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    // The sign-in endpoints answer with their own (checked) redirects.
    public override Task RedirectToReturnUrl(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;

    public override Task RedirectToLogout(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;
}
