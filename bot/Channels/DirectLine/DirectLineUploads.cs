using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Storage;
using Dialogs.Protocol;
using Microsoft.AspNetCore.StaticFiles;

namespace Bot.Channels.DirectLine;

/// <summary>
/// File uploads (R7): multipart parts <c>activity</c> and <c>file</c>, stored under the data folder
/// and linked from the echoed activity with a signed address.
/// </summary>
internal static class DirectLineUploads
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static async Task<IResult> UploadAsync(
        string conversationId, HttpContext context, DirectLineAuth auth, IConversationStore store,
        DirectLineService directLine, IUploadStore uploads, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var (conversation, error) = await DirectLineEndpoints.AuthorizeAsync(context, conversationId, auth, store, cancellationToken);
        if (conversation is null)
        {
            return error!;
        }
        if (!context.Request.HasFormContentType)
        {
            return DirectLineErrors.BadArgument("Send the upload as multipart/form-data.");
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return DirectLineErrors.BadArgument("The upload could not be read.");
        }
        Activity activity = new() { Type = ActivityTypes.Message };
        if (form.Files.GetFile("activity") is { } activityPart)
        {
            using var reader = new StreamReader(activityPart.OpenReadStream(), Encoding.UTF8);
            var (parsed, problem) = DirectLineEndpoints.ParseActivity(await reader.ReadToEndAsync(cancellationToken));
            if (parsed is null)
            {
                return problem!;
            }
            activity = parsed;
        }
        else if (form.TryGetValue("activity", out var activityText))
        {
            var (parsed, problem) = DirectLineEndpoints.ParseActivity(activityText.ToString());
            if (parsed is null)
            {
                return problem!;
            }
            activity = parsed;
        }

        var attachments = new List<Attachment>();
        foreach (var file in form.Files.Where(f => f.Name != "activity"))
        {
            if (file.Length > MaxFileBytes)
            {
                return DirectLineErrors.TooLarge((int)MaxFileBytes);
            }
            var name = SafeName(file.FileName);
            var stored = $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}-{name}";
            using (var content = new MemoryStream((int)file.Length))
            {
                await file.CopyToAsync(content, cancellationToken);
                await uploads.SaveAsync(conversation.Id, stored, ContentType(name, file.ContentType), content.ToArray(), cancellationToken);
            }
            var url = $"{DirectLineEndpoints.ServiceUrl(context.Request)}v3/directline/attachments/{Uri.EscapeDataString(conversation.Id)}/{Uri.EscapeDataString(stored)}?sig={tokens.SignPath(conversation.Id + "/" + stored)}";
            attachments.Add(new Attachment { ContentType = ContentType(name, file.ContentType), ContentUrl = url, Name = name });
        }
        activity = activity with { Attachments = [.. (activity.Attachments ?? []).Where(a => a.ContentUrl is null && a.Content is not null), .. attachments] };
        var id = await directLine.PostAsync(conversation, activity, conversation.UserId, DirectLineEndpoints.ServiceUrl(context.Request), cancellationToken);
        return Results.Json(new ResourceResponse(id));
    }

    public static async Task<IResult> DownloadAsync(string conversationId, string fileName, string? sig, IUploadStore uploads, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        if (sig is null || !tokens.VerifyPath(conversationId + "/" + fileName, sig) || fileName != SafeName(fileName))
        {
            return DirectLineErrors.Json(StatusCodes.Status403Forbidden, "Forbidden", "The link is not valid.");
        }
        if (await uploads.GetAsync(conversationId, fileName, cancellationToken) is not { } upload)
        {
            return DirectLineErrors.Json(StatusCodes.Status404NotFound, "NotFound", "The file does not exist.");
        }
        var type = ContentType(fileName, null);
        var inline = type.StartsWith("image/", StringComparison.Ordinal);
        return Results.File(upload.Content, type, inline ? null : fileName);
    }

    private static string ContentType(string name, string? declared) =>
        ContentTypes.TryGetContentType(name, out var type) ? type : declared is { Length: > 0 } ? "application/octet-stream" : "application/octet-stream";

    private static string SafeName(string name)
    {
        var clean = new string(Path.GetFileName(name).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return clean.Length == 0 ? "file" : clean[..Math.Min(clean.Length, 100)];
    }
}
