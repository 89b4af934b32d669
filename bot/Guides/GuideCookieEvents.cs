using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Bot.Guides;

/// <summary>
/// The console cookie's behaviour: console page loads go to the sign-in page, everything else (the
/// API, the console's scripts and live connection) gets a status code; a cookie whose account was removed or got a new password stops working.
/// </summary>
internal sealed class GuideCookieEvents(GuideAccountStore accounts) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var userName = context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var account = userName is null ? null : accounts.Find(userName);
        if (account is null || context.Principal!.FindFirst(GuideClaims.Stamp)?.Value != GuideClaims.StampOf(account))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(GuideAuthentication.CookieScheme);
            return;
        }
        // Display name and groups as configured now.
        context.ReplacePrincipal(GuideClaims.CreatePrincipal(account, GuideAuthentication.CookieScheme));
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
