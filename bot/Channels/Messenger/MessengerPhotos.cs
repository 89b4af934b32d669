using Bot.FaultReports;
using Bot.Uploads;
using Dialogs.Protocol;

namespace Bot.Channels.Messenger;

/// <summary>
/// Images a resident sends on Messenger are fetched from Meta's CDN once, checked like web uploads
/// (type from the content, size while streaming, the conversation's quota) and stored with the bot's
/// own upload link, which replaces the CDN address in the activity. Only such photos can become a fault
/// report's photo; an image that cannot be fetched or is not a photo keeps its CDN address and is not one.
/// </summary>
internal sealed partial class MessengerPhotos(
    IHttpClientFactory clients, IUploadStore uploads, UploadQuota quota, UploadLinks links, UploadOptions options, IConfiguration configuration,
    ILogger<MessengerPhotos> logger)
{
    public const string ClientName = "MessengerMedia";

    public async Task<Activity> StoreAsync(Activity activity, string conversationId, string psid, CancellationToken cancellationToken)
    {
        if (activity.Attachments is not { Count: > 0 } attachments)
        {
            return activity;
        }
        var result = new List<Attachment>(attachments.Count);
        var fetched = 0;
        foreach (var attachment in attachments)
        {
            if (fetched < options.MaxFilesPerActivity && attachment.ContentType?.StartsWith("image/", StringComparison.Ordinal) == true
                && Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var source) && source.Scheme is "https" or "http"
                && await FetchAsync(source, conversationId, psid, cancellationToken) is { } stored)
            {
                fetched++;
                var baseUrl = FaultReportPhotoLinks.PublicUrl(configuration) ?? "/";
                result.Add(attachment with { ContentType = stored.Kind.ContentType, ContentUrl = links.Create(baseUrl, conversationId, stored.FileName, options.LinkLifetime) });
            }
            else
            {
                result.Add(attachment);
            }
        }
        return activity with { Attachments = result };
    }

    private async Task<StoredUpload?> FetchAsync(Uri source, string conversationId, string psid, CancellationToken cancellationToken)
    {
        var counters = quota.CountersFor(conversationId, "messenger:" + psid);
        var allowance = Math.Min(options.MaxFileBytes, await quota.RemainingAsync(counters, cancellationToken));
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > allowance)
            {
                LogNotStored(logger, conversationId, response.IsSuccessStatusCode ? "too large" : $"HTTP {(int)response.StatusCode}");
                return null;
            }
            await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            var (stored, refusal) = await uploads.SaveAsync(conversationId, content, allowance, options.MaxFileBytes, cancellationToken);
            if (stored is null)
            {
                LogNotStored(logger, conversationId, refusal.ToString()!);
                return null;
            }
            if (await quota.TryUseAsync(counters, stored.Bytes, cancellationToken) is not null)
            {
                await uploads.DeleteAsync([stored], CancellationToken.None);
                LogNotStored(logger, conversationId, "quota");
                return null;
            }
            return stored;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            LogNotStored(logger, conversationId, exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(EventId = 713, Level = LogLevel.Warning, Message = "A Messenger image in conversation {ConversationId} was not stored: {Reason}")]
    private static partial void LogNotStored(ILogger logger, string conversationId, string reason);
}
