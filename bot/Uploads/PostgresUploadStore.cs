using Bot.Storage.Postgres;

namespace Bot.Uploads;

/// <summary>
/// Uploads as <c>bytea</c> in PostgreSQL (at most the file limit, 10 MB by default), so that no
/// instance keeps files of its own and any instance serves any link. A file is read into memory up to
/// its limit (checked while it streams in) and written in one statement.
/// </summary>
internal sealed class PostgresUploadStore(PostgresDatabase database) : IUploadStore
{
    public async Task<(StoredUpload? Upload, UploadRefusal? Refusal)> SaveAsync(
        string conversationId, Stream content, long maxBytes, long fileLimit, CancellationToken cancellationToken)
    {
        var buffer = new byte[UploadNames.BufferSize];
        var head = await UploadNames.ReadHeadAsync(content, buffer, cancellationToken);
        if (UploadKind.Detect(buffer.AsSpan(0, head)) is not { } kind)
        {
            return (null, UploadRefusal.UnsupportedType);
        }
        using var file = new MemoryStream();
        file.Write(buffer, 0, head);
        long total = head;
        int read;
        while (total <= maxBytes && (read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total <= maxBytes)
            {
                file.Write(buffer, 0, read);
            }
        }
        if (total > maxBytes)
        {
            return (null, await UploadNames.RefusalAsync(content, buffer, total, fileLimit, cancellationToken));
        }
        var fileName = UploadNames.NewName(kind);
        await database.ExecuteAsync("INSERT INTO uploads (conversation_id, name, content_type, content, created_at) VALUES ($1, $2, $3, $4, $5)",
            cancellationToken, conversationId, fileName, kind.ContentType, file.ToArray(), DateTimeOffset.UtcNow);
        return (new StoredUpload(conversationId, fileName, kind, total), null);
    }

    public async Task DeleteAsync(IEnumerable<StoredUpload> uploads, CancellationToken cancellationToken)
    {
        foreach (var upload in uploads)
        {
            await database.ExecuteAsync("DELETE FROM uploads WHERE conversation_id = $1 AND name = $2", cancellationToken, upload.ConversationId, upload.FileName);
        }
    }

    public async Task<FoundUpload?> FindAsync(string conversationId, string fileName, CancellationToken cancellationToken)
    {
        if (!UploadNames.IsStoredName(fileName))
        {
            return null;
        }
        // The kind from the first bytes only; the content is read when the file is sent.
        var head = (await database.QueryAsync("SELECT substring(content FROM 1 FOR $3) FROM uploads WHERE conversation_id = $1 AND name = $2",
            r => r.GetFieldValue<byte[]>(0), cancellationToken, conversationId, fileName, UploadKind.SniffLength)).FirstOrDefault();
        return head is not null && UploadNames.KindOf(fileName, head) is { } kind
            ? new FoundUpload(kind, async ct => new MemoryStream(
                await database.ScalarAsync<byte[]>("SELECT content FROM uploads WHERE conversation_id = $1 AND name = $2", ct, conversationId, fileName) ?? [],
                writable: false))
            : null;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string conversationId, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT name FROM uploads WHERE conversation_id = $1 ORDER BY created_at, name", r => r.GetString(0), cancellationToken, conversationId);

    public Task<int> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM uploads WHERE conversation_id = $1", cancellationToken, conversationId);
}
