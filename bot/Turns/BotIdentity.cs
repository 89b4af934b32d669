using Dialogs.Protocol;

namespace Bot.Turns;

/// <summary>How the bot appears in conversations.</summary>
internal static class BotIdentity
{
    public static ChannelAccount Account { get; } = new() { Id = "stadsbot", Name = "Göteborgs Stad", Role = RoleTypes.Bot };
}
