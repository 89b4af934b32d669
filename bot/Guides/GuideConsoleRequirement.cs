using Microsoft.AspNetCore.Authorization;

namespace Bot.Guides;

/// <summary>
/// The fallback policy's only requirement (it applies to static files and to endpoints without an
/// authorization policy of their own): console pages and files under /guide need a signed-in guide;
/// every other request passes untouched, so Direct Line, the widget and the demo page stay anonymous.
/// </summary>
internal sealed class GuideConsoleRequirement : AuthorizationHandler<GuideConsoleRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, GuideConsoleRequirement requirement)
    {
        if (context.Resource is not HttpContext http || !GuidePaths.IsConsolePath(http.Request.Path) || GuideIdentity.From(context.User) is not null)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
