namespace Bot.Storage;

/// <summary>Values the bot creates once and keeps (such as the Direct Line token key), shared by every instance of one store.</summary>
internal interface IBotSettings
{
    /// <summary>The stored value, created with <paramref name="create"/> the first time; when two instances race, both get the winner's value.</summary>
    string GetOrCreate(string key, Func<string> create);
}

internal sealed class SqliteBotSettings(BotDatabase database) : IBotSettings
{
    public string GetOrCreate(string key, Func<string> create) => database.GetOrCreateSetting(key, create);
}
