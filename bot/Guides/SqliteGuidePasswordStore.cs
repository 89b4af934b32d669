using System.Globalization;
using Bot.Storage;

namespace Bot.Guides;

/// <summary>Stored guide passwords in the table <c>guide_passwords</c> (hashes only).</summary>
internal sealed class SqliteGuidePasswordStore : IGuidePasswordStore
{
    private readonly BotDatabase _database;

    public SqliteGuidePasswordStore(BotDatabase database)
    {
        _database = database;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS guide_passwords (
                user_key TEXT PRIMARY KEY,
                replaces TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                changed_at TEXT NOT NULL
            );
            """);
    }

    public Task<StoredGuidePassword?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT replaces, password_hash, changed_at FROM guide_passwords WHERE user_key = $key";
        command.Parameters.AddWithValue("$key", Key(userName));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new StoredGuidePassword(reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            : null);
    }

    public Task SaveAsync(string userName, StoredGuidePassword password, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO guide_passwords (user_key, replaces, password_hash, changed_at) VALUES ($key, $replaces, $hash, $at)
            ON CONFLICT (user_key) DO UPDATE SET replaces = excluded.replaces, password_hash = excluded.password_hash, changed_at = excluded.changed_at
            """;
        command.Parameters.AddWithValue("$key", Key(userName));
        command.Parameters.AddWithValue("$replaces", password.Replaces);
        command.Parameters.AddWithValue("$hash", password.PasswordHash);
        command.Parameters.AddWithValue("$at", BotDatabase.Timestamp(password.ChangedAt));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();
}
