using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// The shared PostgreSQL database (<c>Bot:Store=postgres</c>): one pooled data source for every store,
/// and small helpers that bind positional parameters (<c>$1</c>, <c>$2</c>, …). Moments are
/// <c>timestamptz</c>, written in UTC.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Every instance names itself to the server, so that pg_stat_activity tells them apart.
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "stadsbot";
        }
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        ConnectionString = builder.ConnectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => await DataSource.OpenConnectionAsync(cancellationToken);

    public NpgsqlConnection Open() => DataSource.OpenConnection();

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] args)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Value(arg) });
        }
        return command;
    }

    /// <summary>
    /// Several statements sent in one round trip. They run in one implicit transaction unless the
    /// batch itself holds <c>BEGIN</c> (a transaction that a later batch ends with <c>COMMIT</c>).
    /// </summary>
    public static NpgsqlBatch Batch(NpgsqlConnection connection, params Statement[] statements)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            foreach (var arg in statement.Args)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = Value(arg) });
            }
            batch.BatchCommands.Add(command);
        }
        return batch;
    }

    /// <summary>Moves <paramref name="reader"/> to the next result that has columns (past <c>BEGIN</c>, inserts and the like).</summary>
    public static async Task<bool> NextRowsAsync(NpgsqlDataReader reader, bool first, CancellationToken cancellationToken)
    {
        if (first && reader.FieldCount > 0)
        {
            return true;
        }
        while (await reader.NextResultAsync(cancellationToken))
        {
            if (reader.FieldCount > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Rolls back a transaction begun with a <c>BEGIN</c> statement, when a batch after it failed. A
    /// broken connection has nothing left to roll back (the server ended the transaction with the session).
    /// </summary>
    public static async Task RollBackQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var rollback = Command(connection, "ROLLBACK");
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
        }
    }

    /// <summary>For constructors and start-up work, which cannot await.</summary>
    public int Execute(string sql, params object?[] args)
    {
        using var connection = Open();
        using var command = Command(connection, sql, args);
        return command.ExecuteNonQuery();
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] args)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryAsync(connection, sql, map, cancellationToken, args);
    }

    public static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] args)
    {
        await using var command = Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    public static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>
    /// Npgsql takes a DateTimeOffset for timestamptz only at offset zero; it is cut to whole
    /// microseconds (the column's precision) so that what is read back is never later than what was written.
    /// </summary>
    private static object Value(object? arg) => arg switch
    {
        null => DBNull.Value,
        DateTimeOffset time => new DateTimeOffset(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero),
        _ => arg,
    };

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}

/// <summary>One statement of a <see cref="PostgresDatabase.Batch"/>, with its positional parameters.</summary>
internal sealed record Statement(string Sql, params object?[] Args);
