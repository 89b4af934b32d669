using System.Globalization;
using Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Guides;

/// <summary>Guide sessions in the table <c>guide_sessions</c>; sessions ended more than a day ago are removed on the next sign-in.</summary>
internal sealed class SqliteGuideSessionStore : IGuideSessionStore
{
    private const string Columns = "id, user_name, kind, created_at, expires_at, revoked_at";
    private readonly BotDatabase _database;

    public SqliteGuideSessionStore(BotDatabase database)
    {
        _database = database;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS guide_sessions (
                id TEXT PRIMARY KEY,
                user_name TEXT NOT NULL,
                user_key TEXT NOT NULL,
                kind TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS guide_sessions_user ON guide_sessions (user_key, expires_at);
            """);
    }

    public Task CreateAsync(GuideSession session, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM guide_sessions WHERE expires_at < $cutoff OR revoked_at < $cutoff",
            ("$cutoff", BotDatabase.Timestamp(session.CreatedAt.AddDays(-1))));
        Execute(connection, transaction, $"INSERT INTO guide_sessions ({Columns}, user_key) VALUES ($id, $user, $kind, $created, $expires, NULL, $key)",
            ("$id", session.Id), ("$user", session.UserName), ("$kind", session.Kind), ("$created", BotDatabase.Timestamp(session.CreatedAt)),
            ("$expires", BotDatabase.Timestamp(session.ExpiresAt)), ("$key", Key(session.UserName)));
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<GuideSession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null, $"SELECT {Columns} FROM guide_sessions WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    public Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        Execute(connection, null, "UPDATE guide_sessions SET expires_at = $expires WHERE id = $id AND revoked_at IS NULL AND expires_at < $expires",
            ("$id", id), ("$expires", BotDatabase.Timestamp(expiresAt)));
        return Task.CompletedTask;
    }

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        var revoked = Execute(connection, null, "UPDATE guide_sessions SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL AND expires_at > $at",
            ("$id", id), ("$at", BotDatabase.Timestamp(at)));
        return Task.FromResult(revoked == 1);
    }

    public Task<int> RevokeAllAsync(string userName, string? exceptId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        var revoked = Execute(connection, null,
            "UPDATE guide_sessions SET revoked_at = $at WHERE user_key = $key AND revoked_at IS NULL AND expires_at > $at AND id <> $except",
            ("$key", Key(userName)), ("$at", BotDatabase.Timestamp(at)), ("$except", exceptId ?? ""));
        return Task.FromResult(revoked);
    }

    public Task<IReadOnlyList<GuideSession>> ListAsync(string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = Command(connection, null,
            $"SELECT {Columns} FROM guide_sessions WHERE user_key = $key AND revoked_at IS NULL AND expires_at > $now ORDER BY created_at DESC",
            ("$key", Key(userName)), ("$now", BotDatabase.Timestamp(now)));
        using var reader = command.ExecuteReader();
        var sessions = new List<GuideSession>();
        while (reader.Read())
        {
            sessions.Add(Read(reader));
        }
        return Task.FromResult<IReadOnlyList<GuideSession>>(sessions);
    }

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    private static GuideSession Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), Parse(reader.GetString(3)), Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : Parse(reader.GetString(5)));

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
