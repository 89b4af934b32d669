namespace Bot.Guides;

/// <summary>One entry of <c>Guides:Accounts</c> as written in configuration.</summary>
internal sealed class GuideAccountOptions
{
    public string? UserName { get; init; }

    public string? DisplayName { get; init; }

    public string? PasswordHash { get; init; }

    public List<string> Groups { get; init; } = [];

    /// <summary>An administrator may list and end other guides' sessions (e.g. for a lost laptop).</summary>
    public bool Admin { get; init; }
}
