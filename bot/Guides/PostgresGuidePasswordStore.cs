using Bot.Storage.Postgres;

namespace Bot.Guides;

/// <summary>Stored guide passwords in PostgreSQL (hashes only), so a changed password holds on every instance.</summary>
internal sealed class PostgresGuidePasswordStore(PostgresDatabase database) : IGuidePasswordStore
{
    public async Task<StoredGuidePassword?> FindAsync(string userName, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT replaces, password_hash, changed_at FROM guide_passwords WHERE user_key = $1",
            r => new StoredGuidePassword(r.GetString(0), r.GetString(1), PostgresDatabase.Time(r, 2)), cancellationToken, Key(userName))).FirstOrDefault();

    public Task SaveAsync(string userName, StoredGuidePassword password, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO guide_passwords (user_key, replaces, password_hash, changed_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_key) DO UPDATE SET replaces = excluded.replaces, password_hash = excluded.password_hash, changed_at = excluded.changed_at
            """, cancellationToken, Key(userName), password.Replaces, password.PasswordHash, password.ChangedAt);

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();
}
