namespace Bot.Guides;

/// <summary>
/// A password hash the bot keeps for a guide instead of the configured one: a rehash at the current cost
/// or a password the guide changed. <paramref name="Replaces"/> names the configured hash it replaces;
/// once an administrator configures a new hash, the configured one counts again.
/// </summary>
internal sealed record StoredGuidePassword(string Replaces, string PasswordHash, DateTimeOffset ChangedAt);

/// <summary>Stored guide passwords. SQLite by default; a shared database when scaled out.</summary>
internal interface IGuidePasswordStore
{
    Task<StoredGuidePassword?> FindAsync(string userName, CancellationToken cancellationToken);

    Task SaveAsync(string userName, StoredGuidePassword password, CancellationToken cancellationToken);
}
