using System.Text.Json;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.Messenger;

/// <summary>
/// Maps a Messenger event to an Activity the way the Bot Framework's Facebook channel does:
/// <c>channelId</c> "facebook", the message id as <c>id</c>, the raw event in <c>channelData</c>;
/// a quick reply or postback arrives as the text of its payload, images as attachments.
/// </summary>
internal static class MessengerActivityMapper
{
    /// <summary>The payload of the page's Get Started button (set it so in the page's Messenger profile).</summary>
    public const string GetStartedPayload = "GET_STARTED";
    public const string OptinEventName = "facebook.optin";

    // Messenger's "like" button sends one of these stickers.
    private static readonly HashSet<string> LikeStickers = ["369239263222822", "369239343222814", "369239383222810"];

    public static Activity? ToActivity(MessengerEvent item)
    {
        using var document = JsonDocument.Parse(item.Json);
        var root = document.RootElement;
        var resident = new ChannelAccount { Id = item.SenderId, Role = RoleTypes.User };
        var basis = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = MessengerChannel.ChannelId,
            From = resident,
            Recipient = new ChannelAccount { Id = item.PageId, Name = BotIdentity.Account.Name, Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = item.ConversationId },
            ChannelData = root.Clone(),
            TextFormat = "plain",
        };
        switch (item.Kind)
        {
            case MessengerEventKinds.Message or MessengerEventKinds.Standby when root.TryGetProperty("message", out var message):
                var text = Text(message, "quick_reply", "payload") ?? Text(message, "text");
                var attachments = new List<Attachment>();
                if (message.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var attachment in list.EnumerateArray())
                    {
                        if (Text(attachment, "payload", "sticker_id") is { } sticker && LikeStickers.Contains(sticker))
                        {
                            text ??= "👍";
                        }
                        else if (ToAttachment(attachment) is { } mapped)
                        {
                            attachments.Add(mapped);
                        }
                    }
                }
                return basis with { Id = Text(message, "mid"), Text = text, Attachments = attachments.Count > 0 ? attachments : null };
            case MessengerEventKinds.Postback when root.TryGetProperty("postback", out var postback):
                var payload = Text(postback, "payload") ?? Text(postback, "title");
                return payload == GetStartedPayload
                    ? basis with { Type = ActivityTypes.ConversationUpdate, Id = Text(postback, "mid"), MembersAdded = [resident], TextFormat = null }
                    : basis with { Id = Text(postback, "mid"), Text = payload };
            case MessengerEventKinds.Optin when root.TryGetProperty("optin", out var optin):
                return basis with { Type = ActivityTypes.Event, Name = OptinEventName, Value = optin.Clone(), TextFormat = null };
            default:
                return null;
        }
    }

    /// <summary>Images (and other files) as <c>{contentType, contentUrl}</c>, as the web chat's uploads.</summary>
    private static Attachment? ToAttachment(JsonElement attachment)
    {
        var url = Text(attachment, "payload", "url");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var contentType = Text(attachment, "type") switch
        {
            "image" => ImageType(uri),
            "video" => "video/mp4",
            "audio" => "audio/mpeg",
            "file" => "application/octet-stream",
            _ => null,
        };
        return contentType is null ? null : new Attachment { ContentType = contentType, ContentUrl = url, Name = Path.GetFileName(uri.AbsolutePath) is { Length: > 0 } name ? name : null };
    }

    private static string ImageType(Uri uri) => Path.GetExtension(uri.AbsolutePath).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
