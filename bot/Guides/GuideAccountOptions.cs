namespace Bot.Guides;

/// <summary>One entry of <c>Guides:Accounts</c> as written in configuration.</summary>
internal sealed class GuideAccountOptions
{
    public string? UserName { get; init; }

    public string? DisplayName { get; init; }

    public string? PasswordHash { get; init; }

    public List<string> Groups { get; init; } = [];

    /// <summary>
    /// The languages the guide serves residents in besides Swedish and English, as codes (fi, ar, fa, so).
    /// Every guide answers in Swedish, English and easy Swedish; left out, the guide speaks just those.
    /// </summary>
    public List<string> Languages { get; init; } = [];

    /// <summary>An administrator may list and end other guides' sessions (e.g. for a lost laptop).</summary>
    public bool Admin { get; init; }
}
