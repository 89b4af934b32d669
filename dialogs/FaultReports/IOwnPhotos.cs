using Dialogs.Protocol;

namespace Dialogs.FaultReports;

/// <summary>
/// The host's word on which attachments are photos it stored itself for the conversation (uploaded
/// through its own upload endpoint, or fetched from Messenger and stored). Only those become a
/// report's photo: an address a resident typed into an attachment never reaches guides or the case system.
/// </summary>
public interface IOwnPhotos
{
    /// <summary>The address to keep with the report when the attachment is such a photo; null otherwise.</summary>
    Task<string?> AcceptAsync(Attachment attachment, string conversationId, CancellationToken cancellationToken);
}
