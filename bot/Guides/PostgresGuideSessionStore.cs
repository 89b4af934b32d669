using Bot.Storage.Postgres;
using Npgsql;

namespace Bot.Guides;

/// <summary>
/// Guide sessions in PostgreSQL, shared by every instance: a cookie or token issued by one instance works
/// on all, and a session ended on one is refused by all. Sessions ended more than a day ago are removed on the next sign-in.
/// </summary>
internal sealed class PostgresGuideSessionStore(PostgresDatabase database) : IGuideSessionStore
{
    private const string Columns = "id, user_name, kind, created_at, expires_at, revoked_at";

    public async Task CreateAsync(GuideSession session, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cutoff = session.CreatedAt.AddDays(-1);
        await using (var purge = PostgresDatabase.Command(connection, "DELETE FROM guide_sessions WHERE expires_at < $1 OR revoked_at < $1", cutoff))
        {
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insert = PostgresDatabase.Command(connection, $"INSERT INTO guide_sessions ({Columns}, user_key) VALUES ($1, $2, $3, $4, $5, NULL, $6)",
            session.Id, session.UserName, session.Kind, session.CreatedAt, session.ExpiresAt, Key(session.UserName)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<GuideSession?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {Columns} FROM guide_sessions WHERE id = $1", Read, cancellationToken, id)).FirstOrDefault();

    public Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE guide_sessions SET expires_at = $2 WHERE id = $1 AND revoked_at IS NULL AND expires_at < $2", cancellationToken, id, expiresAt);

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("UPDATE guide_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2", cancellationToken, id, at) == 1;

    public Task<int> RevokeAllAsync(string userName, string? exceptId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE guide_sessions SET revoked_at = $2 WHERE user_key = $1 AND revoked_at IS NULL AND expires_at > $2 AND id <> $3",
            cancellationToken, Key(userName), at, exceptId ?? "");

    public async Task<IReadOnlyList<GuideSession>> ListAsync(string userName, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {Columns} FROM guide_sessions WHERE user_key = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC",
            Read, cancellationToken, Key(userName), now);

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    private static GuideSession Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), PostgresDatabase.Time(reader, 3), PostgresDatabase.Time(reader, 4),
        PostgresDatabase.NullableTime(reader, 5));
}
