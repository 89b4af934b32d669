namespace Dialogs.Main;

/// <summary>Settings of the bot's behaviour (configuration section "Bot").</summary>
public sealed record BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Send a BotDecision trace activity after every turn.</summary>
    public bool Trace { get; init; }

    /// <summary>Confidence at or above which the bot answers.</summary>
    public double AnswerThreshold { get; init; } = 0.6;

    /// <summary>Confidence at or above which the bot offers options instead of giving up.</summary>
    public double ClarifyThreshold { get; init; } = 0.3;
}
