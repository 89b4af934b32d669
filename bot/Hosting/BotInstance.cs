using System.Security.Cryptography;

namespace Bot.Hosting;

/// <summary>This process among the instances sharing a store: a name for logs, locks and presence.</summary>
internal static class BotInstance
{
    public static string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
}
