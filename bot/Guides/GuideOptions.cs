namespace Bot.Guides;

/// <summary>Settings of the guides (configuration section "Guides").</summary>
internal sealed class GuideOptions
{
    public const string SectionName = "Guides";

    /// <summary>The guide accounts; <c>dotnet run --project bot -- hash-password</c> makes the hashes.</summary>
    public List<GuideAccountOptions> Accounts { get; init; } = [];
}
