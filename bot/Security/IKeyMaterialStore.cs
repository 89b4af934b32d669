namespace Bot.Security;

/// <summary>
/// Where the bot keeps its one generated secret, from which every signing key is derived
/// (<see cref="SigningKeys"/>). SQLite by default; a shared database when scaled out, so that all
/// instances sign and check with the same keys.
/// </summary>
internal interface IKeyMaterialStore
{
    /// <summary>The secret stored under <paramref name="name"/>; created with <paramref name="length"/> random bytes the first time.</summary>
    byte[] GetOrCreate(string name, int length);
}
