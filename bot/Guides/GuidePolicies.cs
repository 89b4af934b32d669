namespace Bot.Guides;

/// <summary>The authorization policies of the guide console and the guide API.</summary>
internal static class GuidePolicies
{
    /// <summary>
    /// A signed-in guide, by the console cookie or a bearer token. Use it on every guide endpoint:
    /// <c>.RequireAuthorization(GuidePolicies.Guide)</c>.
    /// </summary>
    public const string Guide = "Guide";
}
