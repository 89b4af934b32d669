using System.Security.Cryptography;
using Bot.Storage;

namespace Bot.Security;

/// <summary>
/// Key material kept with the bot's settings (base64): the SQLite <c>settings</c> table, or the
/// PostgreSQL one shared by every instance, so that all instances sign and check with the same keys.
/// </summary>
internal sealed class SettingsKeyMaterialStore(IBotSettings settings) : IKeyMaterialStore
{
    public byte[] GetOrCreate(string name, int length) =>
        Convert.FromBase64String(settings.GetOrCreate(name, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(length))));
}
