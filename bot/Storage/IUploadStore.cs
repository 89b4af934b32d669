using Bot.Hosting;

namespace Bot.Storage;

/// <summary>A file a resident uploaded, as stored.</summary>
internal sealed record StoredUpload(byte[] Content, string ContentType);

/// <summary>
/// Files residents upload (photos for a fault report or a guide): in the data folder with SQLite
/// (<see cref="FileUploadStore"/>), in the database with PostgreSQL so that every instance serves them.
/// </summary>
internal interface IUploadStore
{
    Task SaveAsync(string conversationId, string name, string contentType, byte[] content, CancellationToken cancellationToken);

    Task<StoredUpload?> GetAsync(string conversationId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Deletes the conversation's files; returns how many there were.</summary>
    Task<int> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>Uploads under <c>{data}/uploads/{conversation}/</c>.</summary>
internal sealed class FileUploadStore(BotPaths paths) : IUploadStore
{
    public async Task SaveAsync(string conversationId, string name, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationId);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name), content, cancellationToken);
    }

    public async Task<StoredUpload?> GetAsync(string conversationId, string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder(conversationId), name);
        return File.Exists(path) ? new StoredUpload(await File.ReadAllBytesAsync(path, cancellationToken), "") : null;
    }

    public Task<IReadOnlyList<string>> ListAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Directory.Exists(Folder(conversationId))
            ? Directory.GetFiles(Folder(conversationId)).Select(f => Path.GetFileName(f)!).ToList()
            : []);

    public Task<int> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationId);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(0);
        }
        var count = Directory.GetFiles(folder).Length;
        Directory.Delete(folder, recursive: true);
        return Task.FromResult(count);
    }

    private string Folder(string conversationId) =>
        Path.Combine(paths.DataDirectory, "uploads", new string(conversationId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray()));
}
