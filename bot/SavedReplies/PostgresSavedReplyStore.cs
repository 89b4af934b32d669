using Bot.Storage.Postgres;
using Npgsql;

namespace Bot.SavedReplies;

/// <summary>Saved replies in PostgreSQL, shared by every instance: a reply saved through one is listed by all.</summary>
internal sealed class PostgresSavedReplyStore : ISavedReplyStore
{
    private const string Columns = "id, grp, shortcut, title, text, created_by, updated_at";
    private readonly PostgresDatabase _database;

    public PostgresSavedReplyStore(PostgresDatabase database)
    {
        _database = database;
        // A new installation starts with the defaults once (the setting records it, as on SQLite); instances
        // starting together insert them at most once.
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (id, shortcut, title, text) in SavedReply.Defaults)
        {
            using var seed = PostgresDatabase.Command(connection, $"""
                INSERT INTO saved_replies ({Columns}) SELECT $1, NULL, $2, $3, $4, NULL, now()
                WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'saved-replies-seeded') ON CONFLICT (id) DO NOTHING
                """, id, shortcut, title, text);
            seed.ExecuteNonQuery();
        }
        using (var seeded = PostgresDatabase.Command(connection, "INSERT INTO settings (key, value) VALUES ('saved-replies-seeded', '1') ON CONFLICT DO NOTHING"))
        {
            seeded.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public async Task<IReadOnlyList<SavedReply>> ListAsync(CancellationToken cancellationToken) =>
        await _database.QueryAsync($"SELECT {Columns} FROM saved_replies ORDER BY shortcut", Read, cancellationToken);

    public async Task<SavedReply?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _database.QueryAsync($"SELECT {Columns} FROM saved_replies WHERE id = $1", Read, cancellationToken, id)).FirstOrDefault();

    public Task SaveAsync(SavedReply reply, CancellationToken cancellationToken) =>
        _database.ExecuteAsync($"""
            INSERT INTO saved_replies ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET grp = excluded.grp, shortcut = excluded.shortcut, title = excluded.title, text = excluded.text, updated_at = excluded.updated_at
            """, cancellationToken, reply.Id, reply.Group, reply.Shortcut, reply.Title, reply.Text, reply.CreatedBy, reply.UpdatedAt);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await _database.ExecuteAsync("DELETE FROM saved_replies WHERE id = $1", cancellationToken, id) > 0;

    private static SavedReply Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), PostgresDatabase.Text(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        PostgresDatabase.Text(reader, 5), PostgresDatabase.Time(reader, 6));
}
