namespace Bot.Storage.Postgres;

internal sealed class PostgresBotSettings(PostgresDatabase database) : IBotSettings
{
    public string GetOrCreate(string key, Func<string> create)
    {
        using var connection = database.Open();
        using (var insert = PostgresDatabase.Command(connection, "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", key, create()))
        {
            insert.ExecuteNonQuery();
        }
        using var select = PostgresDatabase.Command(connection, "SELECT value FROM settings WHERE key = $1", key);
        return (string)select.ExecuteScalar()!;
    }
}
