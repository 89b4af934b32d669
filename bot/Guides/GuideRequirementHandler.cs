using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Bot.Guides;

/// <summary>Checks <see cref="GuideRequirement"/>.</summary>
internal sealed class GuideRequirementHandler(ILogger<GuideRequirementHandler> logger) : AuthorizationHandler<GuideRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, GuideRequirement requirement)
    {
        if (GuideIdentity.From(context.User) is null)
        {
            return Task.CompletedTask;
        }
        // Only HTTP requests can be forged cross-site; e.g. SignalR hub method checks pass another resource.
        if (context.Resource is HttpContext http && NeedsCsrfHeader(http.Request, context.User)
            && http.Request.Headers[GuideRequirement.CsrfHeader] != GuideRequirement.CsrfHeaderValue)
        {
            http.Items[GuideProblems.ForbiddenReasonKey] =
                $"Requests from the guide console that change data must send the header {GuideRequirement.CsrfHeader}: {GuideRequirement.CsrfHeaderValue}.";
            GuideLog.CsrfHeaderMissing(logger, http.Request.Method, http.Request.Path.Value ?? "");
            context.Fail(new AuthorizationFailureReason(this, "The console's CSRF header is missing."));
            return Task.CompletedTask;
        }
        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private static bool NeedsCsrfHeader(HttpRequest request, ClaimsPrincipal user)
    {
        var method = request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        var byBearer = user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == GuideAuthentication.BearerScheme);
        return !safe && !byBearer && GuidePaths.IsApiPath(request.Path);
    }
}
