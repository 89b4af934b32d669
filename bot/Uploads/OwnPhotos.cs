using Dialogs.FaultReports;
using Dialogs.Protocol;

namespace Bot.Uploads;

/// <summary>A photo is ours when its link is a valid, unexpired upload link of the same conversation and the stored file is an image.</summary>
internal sealed class OwnPhotos(UploadLinks links, UploadStore store) : IOwnPhotos
{
    public string? Accept(Attachment attachment, string conversationId) =>
        links.Read(attachment.ContentUrl) is { } upload
        && upload.ConversationId == conversationId
        && store.Find(upload.ConversationId, upload.FileName) is { Kind.ContentType: var type }
        && type.StartsWith("image/", StringComparison.Ordinal)
            ? attachment.ContentUrl
            : null;
}
