using Microsoft.AspNetCore.Authorization;

namespace Bot.Guides;

/// <summary>
/// Part of <see cref="GuidePolicies.Guide"/>: the user is a guide, and a state-changing API request
/// authenticated only by the console cookie carries <c>X-Requested-With: guide-console</c> (a header a
/// cross-site form cannot send; SameSite=Strict is the first defence). Bearer requests need no header.
/// Checked by <see cref="GuideRequirementHandler"/>.
/// </summary>
internal sealed class GuideRequirement : IAuthorizationRequirement
{
    public const string CsrfHeader = "X-Requested-With";
    public const string CsrfHeaderValue = "guide-console";
}
