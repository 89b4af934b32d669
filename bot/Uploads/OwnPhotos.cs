using Dialogs.FaultReports;
using Dialogs.Protocol;

namespace Bot.Uploads;

/// <summary>A photo is ours when its link is a valid, unexpired upload link of the same conversation and the stored file is an image.</summary>
internal sealed class OwnPhotos(UploadLinks links, IUploadStore store) : IOwnPhotos
{
    public async Task<string?> AcceptAsync(Attachment attachment, string conversationId, CancellationToken cancellationToken) =>
        links.Read(attachment.ContentUrl) is { } upload
        && upload.ConversationId == conversationId
        && await store.FindAsync(upload.ConversationId, upload.FileName, cancellationToken) is { Kind.ContentType: var type }
        && type.StartsWith("image/", StringComparison.Ordinal)
            ? attachment.ContentUrl
            : null;
}
