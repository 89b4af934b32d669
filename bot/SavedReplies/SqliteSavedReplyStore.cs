using System.Globalization;
using Bot.Storage;

namespace Bot.SavedReplies;

internal sealed class SqliteSavedReplyStore : ISavedReplyStore
{
    private readonly BotDatabase _database;

    public SqliteSavedReplyStore(BotDatabase database)
    {
        _database = database;
        using var connection = database.OpenWrite();
        BotDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS saved_replies (
                id TEXT PRIMARY KEY,
                grp TEXT NULL,
                shortcut TEXT NOT NULL,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                created_by TEXT NULL,
                updated_at TEXT NOT NULL
            );
            """);
        // A new installation starts with a few replies to show how they work; removed ones stay removed.
        using (var seeded = connection.CreateCommand())
        {
            seeded.CommandText = """
                INSERT INTO saved_replies (id, grp, shortcut, title, text, created_by, updated_at)
                SELECT $id, NULL, $shortcut, $title, $text, NULL, $at WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'saved-replies-seeded')
                """;
            foreach (var (id, shortcut, title, text) in SavedReply.Defaults)
            {
                seeded.Parameters.Clear();
                seeded.Parameters.AddWithValue("$id", id);
                seeded.Parameters.AddWithValue("$shortcut", shortcut);
                seeded.Parameters.AddWithValue("$title", title);
                seeded.Parameters.AddWithValue("$text", text);
                seeded.Parameters.AddWithValue("$at", BotDatabase.Timestamp(DateTimeOffset.UtcNow));
                seeded.ExecuteNonQuery();
            }
        }
        BotDatabase.Execute(connection, "INSERT OR IGNORE INTO settings (key, value) VALUES ('saved-replies-seeded', '1')");
    }

    public Task<IReadOnlyList<SavedReply>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SavedReply>>(Query("ORDER BY shortcut", null));

    public Task<SavedReply?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Query("WHERE id = $p", id).FirstOrDefault());

    public Task SaveAsync(SavedReply reply, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO saved_replies (id, grp, shortcut, title, text, created_by, updated_at) VALUES ($id, $group, $shortcut, $title, $text, $by, $at)
            ON CONFLICT (id) DO UPDATE SET grp = $group, shortcut = $shortcut, title = $title, text = $text, updated_at = $at
            """;
        command.Parameters.AddWithValue("$id", reply.Id);
        command.Parameters.AddWithValue("$group", (object?)reply.Group ?? DBNull.Value);
        command.Parameters.AddWithValue("$shortcut", reply.Shortcut);
        command.Parameters.AddWithValue("$title", reply.Title);
        command.Parameters.AddWithValue("$text", reply.Text);
        command.Parameters.AddWithValue("$by", (object?)reply.CreatedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", BotDatabase.Timestamp(reply.UpdatedAt));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.OpenWrite();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM saved_replies WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Task.FromResult(command.ExecuteNonQuery() > 0);
    }

    private List<SavedReply> Query(string where, string? parameter)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, grp, shortcut, title, text, created_by, updated_at FROM saved_replies {where}";
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }
        using var reader = command.ExecuteReader();
        var list = new List<SavedReply>();
        while (reader.Read())
        {
            list.Add(new SavedReply(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }
        return list;
    }
}
