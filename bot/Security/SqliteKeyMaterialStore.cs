using System.Security.Cryptography;
using Bot.Storage;

namespace Bot.Security;

/// <summary>Key material in the <c>settings</c> table of the bot's SQLite database (base64).</summary>
internal sealed class SqliteKeyMaterialStore(BotDatabase database) : IKeyMaterialStore
{
    public byte[] GetOrCreate(string name, int length) =>
        Convert.FromBase64String(database.GetOrCreateSetting(name, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(length))));
}
