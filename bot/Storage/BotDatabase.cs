using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bot.Storage;

/// <summary>
/// The embedded SQLite database (data/bot.db). Write-ahead logging lets readers (polling clients,
/// the guide console) run while a turn writes; every write is committed before it is acknowledged.
/// </summary>
internal sealed class BotDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public BotDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "bot.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS conversations (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                created_at TEXT NOT NULL,
                started INTEGER NOT NULL DEFAULT 0,
                next_seq INTEGER NOT NULL DEFAULT 0,
                last_timestamp TEXT NULL
            );
            CREATE TABLE IF NOT EXISTS activities (
                conversation_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (conversation_id, seq)
            );
            CREATE TABLE IF NOT EXISTS conversation_state (
                conversation_id TEXT PRIMARY KEY,
                json TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS cases (
                id TEXT PRIMARY KEY,
                conversation_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                status TEXT NOT NULL,
                grp TEXT NOT NULL,
                language TEXT NOT NULL,
                topic TEXT NULL,
                summary_json TEXT NOT NULL,
                created_at TEXT NOT NULL,
                claimed_by TEXT NULL,
                claimed_by_name TEXT NULL,
                claimed_at TEXT NULL,
                closed_at TEXT NULL,
                resolution TEXT NULL,
                rating INTEGER NULL
            );
            CREATE INDEX IF NOT EXISTS cases_status ON cases (status, created_at);
            CREATE INDEX IF NOT EXISTS cases_conversation ON cases (conversation_id);
            CREATE TABLE IF NOT EXISTS case_events (
                case_id TEXT NOT NULL,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT NULL,
                text TEXT NULL
            );
            CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id, at);
            CREATE TABLE IF NOT EXISTS settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS pending_turns (
                conversation_id TEXT NOT NULL,
                activity_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                seq INTEGER NULL,
                activity_json TEXT NULL,
                created_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (conversation_id, activity_id)
            );
            CREATE INDEX IF NOT EXISTS conversations_user ON conversations (user_id);
            """);
        AddColumnIfMissing(connection, "activities", "dedupe_key", "TEXT NULL");
        Execute(connection, "CREATE UNIQUE INDEX IF NOT EXISTS activities_dedupe ON activities (conversation_id, dedupe_key) WHERE dedupe_key IS NOT NULL");
    }

    /// <summary>Adds a column that databases made by an earlier version lack.</summary>
    public static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        using var check = connection.CreateCommand();
        check.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
        }
    }

    /// <summary>
    /// A connection for writing. Writes from this process take turns here rather than in SQLite,
    /// whose busy handler would otherwise sleep a writer for 150 ms when another holds the lock.
    /// The turn ends when the connection is disposed.
    /// </summary>
    public SqliteConnection OpenWrite()
    {
        _writeGate.Wait();
        try
        {
            var connection = Open();
            connection.Disposed += (_, _) => _writeGate.Release();
            return connection;
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
        return connection;
    }

    /// <summary>How every table stores a moment: ISO 8601 in UTC, so that text order is time order.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A setting kept in the database, created with <paramref name="create"/> the first time.</summary>
    public string GetOrCreateSetting(string key, Func<string> create)
    {
        using var connection = OpenWrite();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO settings (key, value) VALUES ($key, $value)";
        insert.Parameters.AddWithValue("$key", key);
        insert.Parameters.AddWithValue("$value", create());
        insert.ExecuteNonQuery();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM settings WHERE key = $key";
        select.Parameters.AddWithValue("$key", key);
        return (string)select.ExecuteScalar()!;
    }
}
