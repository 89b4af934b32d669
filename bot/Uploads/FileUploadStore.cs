using Bot.Hosting;

namespace Bot.Uploads;

/// <summary>
/// Uploaded files in the data folder (<c>uploads/{conversation}/{random}.{ext}</c>), for the embedded
/// SQLite store. A file is written under a hidden partial name and moved into place once complete.
/// </summary>
internal sealed class FileUploadStore(BotPaths paths) : IUploadStore
{
    public string FolderOf(string conversationId) =>
        Path.Combine(paths.DataDirectory, "uploads", new string(conversationId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray()));

    public async Task<(StoredUpload? Upload, UploadRefusal? Refusal)> SaveAsync(
        string conversationId, Stream content, long maxBytes, long fileLimit, CancellationToken cancellationToken)
    {
        var buffer = new byte[UploadNames.BufferSize];
        var head = await UploadNames.ReadHeadAsync(content, buffer, cancellationToken);
        if (UploadKind.Detect(buffer.AsSpan(0, head)) is not { } kind)
        {
            return (null, UploadRefusal.UnsupportedType);
        }
        var folder = FolderOf(conversationId);
        Directory.CreateDirectory(folder);
        var fileName = UploadNames.NewName(kind);
        var partial = Path.Combine(folder, "." + fileName + ".part");
        long total = head;
        int read;
        try
        {
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, UploadNames.BufferSize, useAsync: true))
            {
                await target.WriteAsync(buffer.AsMemory(0, head), cancellationToken);
                while (total <= maxBytes && (read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total <= maxBytes)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }
            }
            if (total > maxBytes)
            {
                File.Delete(partial);
                return (null, await UploadNames.RefusalAsync(content, buffer, total, fileLimit, cancellationToken));
            }
            File.Move(partial, Path.Combine(folder, fileName));
            return (new StoredUpload(conversationId, fileName, kind, total), null);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public Task DeleteAsync(IEnumerable<StoredUpload> uploads, CancellationToken cancellationToken)
    {
        foreach (var upload in uploads)
        {
            File.Delete(Path.Combine(FolderOf(upload.ConversationId), upload.FileName));
        }
        return Task.CompletedTask;
    }

    public Task<FoundUpload?> FindAsync(string conversationId, string fileName, CancellationToken cancellationToken)
    {
        if (!UploadNames.IsStoredName(fileName))
        {
            return Task.FromResult<FoundUpload?>(null);
        }
        var path = Path.Combine(FolderOf(conversationId), fileName);
        if (!File.Exists(path))
        {
            return Task.FromResult<FoundUpload?>(null);
        }
        Span<byte> head = stackalloc byte[UploadKind.SniffLength];
        using (var file = File.OpenRead(path))
        {
            head = head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }
        return Task.FromResult(UploadNames.KindOf(fileName, head) is { } kind ? new FoundUpload(kind, _ => Task.FromResult<Stream>(File.OpenRead(path))) : null);
    }

    public Task<IReadOnlyList<string>> ListAsync(string conversationId, CancellationToken cancellationToken)
    {
        var folder = FolderOf(conversationId);
        return Task.FromResult<IReadOnlyList<string>>(Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).ToList() : []);
    }

    public Task<int> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var folder = FolderOf(conversationId);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(0);
        }
        var count = Directory.GetFiles(folder).Length;
        Directory.Delete(folder, recursive: true);
        return Task.FromResult(count);
    }
}
