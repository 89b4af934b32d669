using System.Text;
using Bot.Storage;
using Bot.Uploads;
using Dialogs.Protocol;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Bot.Channels.DirectLine;

/// <summary>
/// File uploads (R7): multipart parts <c>activity</c> and files, read as a stream. Each file's type is
/// decided from its content, its size counted as it arrives, and the conversation's and the client's
/// quotas checked before it is kept; the echoed activity links each file with an expiring signed
/// address on <c>/uploads/…</c> (<see cref="UploadLinks"/>).
/// </summary>
internal static class DirectLineUploads
{
    private const int MaxBoundaryLength = 70;

    public static async Task<IResult> UploadAsync(
        string conversationId, HttpContext context, DirectLineAuth auth, IConversationStore store, DirectLineService directLine,
        IUploadStore uploads, UploadLinks links, UploadQuota quota, UploadOptions options, DirectLineActivityLimit limit, CancellationToken cancellationToken)
    {
        var (conversation, error) = await DirectLineEndpoints.AuthorizeAsync(context, conversationId, auth, store, cancellationToken);
        if (conversation is null)
        {
            return error!;
        }
        if (await limit.CountAsync(context, conversation.Id, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= MaxBoundaryLength } boundary)
        {
            return DirectLineErrors.BadArgument("Send the upload as multipart/form-data.");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = (options.MaxFilesPerActivity * options.MaxFileBytes) + DirectLineEndpoints.MaxActivityBytes + (64 * 1024);
        }

        var counters = quota.CountersFor(conversation.Id, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var allowance = await quota.RemainingAsync(counters, cancellationToken);
        var stored = new List<StoredUpload>();
        var names = new List<string>();
        Activity activity = new() { Type = ActivityTypes.Message };
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
                var name = disposition is null ? null : HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                var isFile = disposition is not null && (disposition.FileName.HasValue || disposition.FileNameStar.HasValue);
                if (name == "activity")
                {
                    var (json, tooLarge) = await ReadTextAsync(section.Body, DirectLineEndpoints.MaxActivityBytes, cancellationToken);
                    if (tooLarge)
                    {
                        await DiscardAsync(uploads, stored);
                        return DirectLineErrors.TooLarge(DirectLineEndpoints.MaxActivityBytes);
                    }
                    var (parsed, problem) = DirectLineEndpoints.ParseActivity(json);
                    if (parsed is null)
                    {
                        await DiscardAsync(uploads, stored);
                        return problem!;
                    }
                    activity = parsed;
                }
                else if (isFile)
                {
                    if (stored.Count == options.MaxFilesPerActivity)
                    {
                        await DiscardAsync(uploads, stored);
                        return DirectLineErrors.BadArgument($"At most {options.MaxFilesPerActivity} files can be sent with one message.");
                    }
                    var used = stored.Sum(u => u.Bytes);
                    var (upload, refusal) = await uploads.SaveAsync(conversation.Id, section.Body, Math.Min(options.MaxFileBytes, allowance - used), options.MaxFileBytes, cancellationToken);
                    if (upload is null)
                    {
                        await DiscardAsync(uploads, stored);
                        return refusal switch
                        {
                            UploadRefusal.UnsupportedType => DirectLineErrors.Json(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                                $"This kind of file cannot be sent: only {UploadKind.Allowed}."),
                            UploadRefusal.FileTooLarge => DirectLineErrors.Json(StatusCodes.Status413PayloadTooLarge, "FileTooLarge",
                                $"The file is larger than {UploadOptions.Size(options.MaxFileBytes)}."),
                            _ => QuotaError(context, await quota.ProblemAsync(counters, allowance + 1, cancellationToken)),
                        };
                    }
                    stored.Add(upload);
                    names.Add(DisplayName(HeaderUtilities.RemoveQuotes(disposition!.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value, upload.Kind));
                }
                // Other form fields are not part of Direct Line's upload; the reader skips them.
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            await DiscardAsync(uploads, stored);
            return exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? DirectLineErrors.Json(StatusCodes.Status413PayloadTooLarge, "FileTooLarge", $"The upload is larger than {options.MaxFilesPerActivity} files of {UploadOptions.Size(options.MaxFileBytes)}.")
                : DirectLineErrors.BadArgument("The upload could not be read.");
        }
        if (await quota.TryUseAsync(counters, stored.Sum(u => u.Bytes), cancellationToken) is { } over)
        {
            await DiscardAsync(uploads, stored);
            return QuotaError(context, over);
        }

        var serviceUrl = DirectLineEndpoints.ServiceUrl(request);
        var attachments = stored.Select((u, i) => new Attachment
        {
            ContentType = u.Kind.ContentType,
            ContentUrl = links.Create(serviceUrl, u.ConversationId, u.FileName, options.LinkLifetime),
            Name = names[i],
        });
        activity = activity with { Attachments = [.. (activity.Attachments ?? []).Where(a => a.ContentUrl is null && a.Content is not null), .. attachments] };
        var id = await directLine.PostAsync(conversation, activity, conversation.UserId, serviceUrl, cancellationToken);
        return Results.Json(new ResourceResponse(id));
    }

    private static IResult QuotaError(HttpContext context, QuotaProblem problem)
    {
        if (problem.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return DirectLineErrors.Json(problem.StatusCode, "QuotaExceeded", problem.Message);
    }

    /// <summary>The resident's file name for display (text only, never a path or a header), with the extension of what it really is.</summary>
    private static string DisplayName(string? sent, UploadKind kind)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName((sent ?? "").Replace('\\', '/')));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '"')).Take(80).ToArray()).Trim();
        return (name.Length == 0 ? "fil" : name) + "." + kind.Extension;
    }

    private static async Task DiscardAsync(IUploadStore uploads, List<StoredUpload> stored)
    {
        await uploads.DeleteAsync(stored, CancellationToken.None);
        stored.Clear();
    }

    private static async Task<(string Text, bool TooLarge)> ReadTextAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return ("", true);
            }
        }
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), false);
    }
}
