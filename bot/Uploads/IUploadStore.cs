namespace Bot.Uploads;

/// <summary>A file stored for a conversation, under a name the bot chose.</summary>
internal sealed record StoredUpload(string ConversationId, string FileName, UploadKind Kind, long Bytes);

/// <summary>A stored file found for download: its kind as its content says now, and a way to read it.</summary>
internal sealed record FoundUpload(UploadKind Kind, Func<CancellationToken, Task<Stream>> OpenAsync);

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
/// Files residents upload (photos for a fault report or a guide, PDF documents). The type is decided
/// from the content before anything is kept, the size is counted while the file streams in, and the
/// stored name is random with the extension of the detected type: nothing of a name or type the
/// client sent is kept. In the data folder with SQLite (<see cref="FileUploadStore"/>), in the
/// database with PostgreSQL (<see cref="PostgresUploadStore"/>) so that every instance serves them.
/// </summary>
internal interface IUploadStore
{
    /// <summary>
    /// Stores <paramref name="content"/> for the conversation. Stops reading as soon as the first bytes
    /// are not an accepted type or more than <paramref name="maxBytes"/> arrive (<see cref="UploadRefusal.FileTooLarge"/>
    /// when that is over <paramref name="fileLimit"/>, else <see cref="UploadRefusal.OverQuota"/>); nothing is kept then.
    /// </summary>
    Task<(StoredUpload? Upload, UploadRefusal? Refusal)> SaveAsync(
        string conversationId, Stream content, long maxBytes, long fileLimit, CancellationToken cancellationToken);

    /// <summary>Removes files stored by an upload that was refused as a whole.</summary>
    Task DeleteAsync(IEnumerable<StoredUpload> uploads, CancellationToken cancellationToken);

    /// <summary>The stored file; null when the name is not one the bot gives, the file is gone, or its content no longer matches its kind.</summary>
    Task<FoundUpload?> FindAsync(string conversationId, string fileName, CancellationToken cancellationToken);

    /// <summary>The names of the conversation's files (for a GDPR export).</summary>
    Task<IReadOnlyList<string>> ListAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Deletes the conversation's files; returns how many there were.</summary>
    Task<int> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>What both stores share: reading the head of a stream, and the names the bot gives.</summary>
internal static partial class UploadNames
{
    public const int BufferSize = 64 * 1024;

    /// <summary>Reads up to <see cref="UploadKind.SniffLength"/> bytes into the start of <paramref name="buffer"/>.</summary>
    public static async Task<int> ReadHeadAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < UploadKind.SniffLength && (read = await content.ReadAsync(buffer.AsMemory(total, UploadKind.SniffLength - total), cancellationToken)) > 0)
        {
            total += read;
        }
        return total;
    }

    /// <summary>Over the quota: reads on (without keeping it) up to the file limit, to tell which limit the file broke.</summary>
    public static async Task<UploadRefusal> RefusalAsync(Stream content, byte[] buffer, long total, long fileLimit, CancellationToken cancellationToken)
    {
        int read;
        while (total <= fileLimit && (read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }
        return total > fileLimit ? UploadRefusal.FileTooLarge : UploadRefusal.OverQuota;
    }

    public static string NewName(UploadKind kind) => $"{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}.{kind.Extension}";

    /// <summary>The kind a stored file of this name and these first bytes is, or null when the name is not ours or the content does not match it.</summary>
    public static UploadKind? KindOf(string fileName, ReadOnlySpan<byte> head) =>
        StoredName().IsMatch(fileName) && UploadKind.Detect(head) is { } kind && Path.GetExtension(fileName) == "." + kind.Extension ? kind : null;

    public static bool IsStoredName(string fileName) => StoredName().IsMatch(fileName);

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|webp|heic|heif|pdf)$")]
    private static partial System.Text.RegularExpressions.Regex StoredName();
}
