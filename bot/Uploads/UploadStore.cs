using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bot.Hosting;

namespace Bot.Uploads;

/// <summary>A file stored for a conversation, under a name the bot chose.</summary>
internal sealed record StoredUpload(string ConversationId, string FileName, UploadKind Kind, long Bytes);

/// <summary>Why a file was not stored.</summary>
internal enum UploadRefusal
{
    /// <summary>Larger than the limit for one file.</summary>
    FileTooLarge,

    /// <summary>Larger than what the quota has left.</summary>
    OverQuota,

    /// <summary>Not one of the <see cref="UploadKind"/>s.</summary>
    UnsupportedType,
}

/// <summary>
/// Uploaded files in the data folder (<c>uploads/{conversation}/{random}.{ext}</c>). The type is decided
/// from the content before anything else is written, the size is counted while the file streams in,
/// and the stored name is random with the extension of the detected type: nothing of a name or type
/// the client sent reaches the disk or a response header.
/// </summary>
internal sealed partial class UploadStore(BotPaths paths)
{
    private const int BufferSize = 64 * 1024;

    public string FolderOf(string conversationId) =>
        Path.Combine(paths.DataDirectory, "uploads", new string(conversationId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray()));

    /// <summary>
    /// Streams <paramref name="content"/> into the conversation's folder. Stops reading as soon as the
    /// first bytes are not an accepted type or more than <paramref name="maxBytes"/> arrive
    /// (<see cref="UploadRefusal.FileTooLarge"/> when that is over <paramref name="fileLimit"/>, else
    /// <see cref="UploadRefusal.OverQuota"/>); nothing is left on disk then.
    /// </summary>
    public async Task<(StoredUpload? Upload, UploadRefusal? Refusal)> SaveAsync(
        string conversationId, Stream content, long maxBytes, long fileLimit, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        var head = await ReadHeadAsync(content, buffer, cancellationToken);
        if (UploadKind.Detect(buffer.AsSpan(0, head)) is not { } kind)
        {
            return (null, UploadRefusal.UnsupportedType);
        }
        var folder = FolderOf(conversationId);
        Directory.CreateDirectory(folder);
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var partial = Path.Combine(folder, "." + name + ".part");
        long total = head;
        int read;
        try
        {
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
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
                // Over the quota: read on (without keeping it) up to the file limit, to tell which limit it broke.
                while (total <= fileLimit && (read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                }
                return (null, total > fileLimit ? UploadRefusal.FileTooLarge : UploadRefusal.OverQuota);
            }
            var fileName = $"{name}.{kind.Extension}";
            File.Move(partial, Path.Combine(folder, fileName));
            return (new StoredUpload(conversationId, fileName, kind, total), null);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Removes files stored by an upload that was refused as a whole.</summary>
    public void Delete(IEnumerable<StoredUpload> uploads)
    {
        foreach (var upload in uploads)
        {
            File.Delete(Path.Combine(FolderOf(upload.ConversationId), upload.FileName));
        }
    }

    /// <summary>The stored file and its kind as its content says now; null when the name is not one the bot gives or the file is gone.</summary>
    public (string Path, UploadKind Kind)? Find(string conversationId, string fileName)
    {
        if (!StoredName().IsMatch(fileName))
        {
            return null;
        }
        var path = Path.Combine(FolderOf(conversationId), fileName);
        if (!File.Exists(path))
        {
            return null;
        }
        Span<byte> head = stackalloc byte[UploadKind.SniffLength];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return UploadKind.Detect(head[..read]) is { } kind && Path.GetExtension(fileName) == "." + kind.Extension ? (path, kind) : null;
    }

    private static async Task<int> ReadHeadAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < UploadKind.SniffLength && (read = await content.ReadAsync(buffer.AsMemory(total, UploadKind.SniffLength - total), cancellationToken)) > 0)
        {
            total += read;
        }
        return total;
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|webp|heic|heif|pdf)$")]
    private static partial Regex StoredName();
}
