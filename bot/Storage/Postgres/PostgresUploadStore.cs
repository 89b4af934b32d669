namespace Bot.Storage.Postgres;

/// <summary>Uploads as <c>bytea</c> in PostgreSQL (at most 10 MB each), so no instance keeps files of its own.</summary>
internal sealed class PostgresUploadStore(PostgresDatabase database) : IUploadStore
{
    public Task SaveAsync(string conversationId, string name, string contentType, byte[] content, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO uploads (conversation_id, name, content_type, content, created_at) VALUES ($1, $2, $3, $4, $5)",
            cancellationToken, conversationId, name, contentType, content, DateTimeOffset.UtcNow);

    public async Task<StoredUpload?> GetAsync(string conversationId, string name, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT content, content_type FROM uploads WHERE conversation_id = $1 AND name = $2",
            r => new StoredUpload(r.GetFieldValue<byte[]>(0), r.GetString(1)), cancellationToken, conversationId, name)).FirstOrDefault();

    public async Task<IReadOnlyList<string>> ListAsync(string conversationId, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT name FROM uploads WHERE conversation_id = $1 ORDER BY created_at", r => r.GetString(0), cancellationToken, conversationId);

    public Task<int> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM uploads WHERE conversation_id = $1", cancellationToken, conversationId);
}
