using System.Net.Http.Headers;

namespace Bot.Tests.Security;

/// <summary>Direct Line uploads as a client (or an attacker) sends them.</summary>
internal static class Uploads
{
    /// <summary>Sends the files as a new activity: a client id of its own, as a client gives each activity (a repeated id is a retry, stored once).</summary>
    public static Task<HttpResponseMessage> SendAsync(ResidentChat chat, params (string FileName, byte[] Content, string ContentType)[] files) =>
        SendAsync(chat, System.Text.Json.JsonSerializer.Serialize(new { type = "message", channelData = new { clientActivityID = "upload-" + Guid.NewGuid().ToString("N") } }), files);

    public static Task<HttpResponseMessage> SendAsync(ResidentChat chat, string activityJson, params (string FileName, byte[] Content, string ContentType)[] files)
    {
        var form = new MultipartFormDataContent();
        var activity = new StringContent(activityJson);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        foreach (var (fileName, content, contentType) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", fileName);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{chat.ConversationId}/upload?userId=x") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", chat.Token);
        return chat.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The link of the file in the echo of the last upload.</summary>
    public static async Task<string> LastLinkAsync(ResidentChat chat)
    {
        var (activities, _) = await chat.GetActivitiesAsync();
        return activities.Last(a => a.Attachments is { Count: > 0 }).Attachments![^1].ContentUrl!;
    }

    /// <summary>A PNG of about <paramref name="bytes"/> bytes (a real signature, then padding).</summary>
    public static byte[] PngOfSize(int bytes)
    {
        var content = new byte[bytes];
        TestFiles.Png.CopyTo(content, 0);
        return content;
    }
}
