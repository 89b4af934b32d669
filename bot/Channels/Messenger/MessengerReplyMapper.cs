using System.Text.Json;
using System.Text.Json.Nodes;
using Dialogs.Protocol;

namespace Bot.Channels.Messenger;

/// <summary>
/// Maps a bot or guide message to Send API <c>message</c> objects: plain text in pieces shorter than
/// 2,000 characters, suggested actions as quick replies (at most 13, titles at most 20 characters;
/// otherwise the options are listed in the text and the buttons numbered), hero and thumbnail cards
/// as a generic template, other cards as text, images as image attachments.
/// </summary>
internal static class MessengerReplyMapper
{
    public const int MaxQuickReplies = 13;
    public const int MaxQuickReplyTitle = 20;
    private const int MaxPayload = 1000;
    private const int MaxTemplateTitle = 80;
    private const int MaxTemplateButtons = 3;

    public static IReadOnlyList<JsonObject> ToMessages(Activity activity)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            return [];
        }
        var paragraphs = new List<string>();
        if (activity.Text is { Length: > 0 } text)
        {
            paragraphs.Add(activity.TextFormat == "plain" ? text : MessengerText.FromMarkdown(text));
        }
        var attachments = new List<JsonObject>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (Template(attachment) is { } template)
            {
                attachments.Add(template);
            }
            else if (Media(attachment) is { } media)
            {
                attachments.Add(media);
            }
            else if (CardText(attachment) is { Length: > 0 } cardText)
            {
                paragraphs.Add(cardText);
            }
        }
        var actions = activity.SuggestedActions?.Actions ?? [];
        var links = actions.Where(a => a.Type == ActionTypes.OpenUrl && a.ValueText is not null).Select(a => $"{a.Title}: {a.ValueText}").ToList();
        if (links.Count > 0)
        {
            paragraphs.Add(string.Join("\n", links));
        }
        var (optionList, quickReplies) = QuickReplies(actions.Where(a => a.Type != ActionTypes.OpenUrl).ToList());
        if (optionList is not null)
        {
            paragraphs.Add(optionList);
        }

        var messages = MessengerText.Split(string.Join("\n\n", paragraphs)).Select(piece => new JsonObject { ["text"] = piece }).ToList();
        messages.AddRange(attachments.Select(a => new JsonObject { ["attachment"] = a }));
        if (quickReplies.Count > 0)
        {
            if (messages.Count == 0)
            {
                messages.Add(new JsonObject { ["text"] = "…" });
            }
            messages[^1]["quick_replies"] = quickReplies;
        }
        return messages;
    }

    /// <summary>The quick replies, and the options as a numbered list when they do not fit as buttons.</summary>
    private static (string? List, JsonArray Replies) QuickReplies(IReadOnlyList<CardAction> actions)
    {
        var options = actions
            .Select(a => (Title: a.Title ?? a.ValueText ?? "", Payload: Payload(a)))
            .Where(o => o.Title.Length > 0 && o.Payload.Length > 0)
            .ToList();
        var fit = options.Count <= MaxQuickReplies && options.All(o => o.Title.Length <= MaxQuickReplyTitle);
        var list = fit ? null : string.Join("\n", options.Select((o, i) => $"{i + 1}. {o.Title}"));
        var replies = new JsonArray();
        foreach (var (option, i) in options.Take(MaxQuickReplies).Select((o, i) => (o, i)))
        {
            replies.Add(new JsonObject
            {
                ["content_type"] = "text",
                ["title"] = fit ? option.Title : MessengerText.Shorten($"{i + 1}. {option.Title}", MaxQuickReplyTitle),
                ["payload"] = option.Payload.Length <= MaxPayload ? option.Payload : option.Payload[..MaxPayload],
            });
        }
        return (list, replies);
    }

    /// <summary>What the resident "says" when they tap the button: the same text as on the web.</summary>
    private static string Payload(CardAction action) =>
        (action.Type == ActionTypes.MessageBack ? action.Text : null) ?? action.ValueText ?? action.Title ?? "";

    /// <summary>A hero or thumbnail card as a generic template (title, subtitle, image, up to three buttons).</summary>
    private static JsonObject? Template(Attachment attachment)
    {
        if (attachment.ContentType is not ("application/vnd.microsoft.card.hero" or "application/vnd.microsoft.card.thumbnail")
            || attachment.Content is not { ValueKind: JsonValueKind.Object } card)
        {
            return null;
        }
        var buttons = card.TryGetProperty("buttons", out var b) && b.ValueKind == JsonValueKind.Array
            ? b.Deserialize<List<CardAction>>(ActivityJson.Options) ?? []
            : [];
        var title = String(card, "title") ?? String(card, "text");
        if (title is null || buttons.Count > MaxTemplateButtons)
        {
            return null;
        }
        var element = new JsonObject { ["title"] = MessengerText.Shorten(title, MaxTemplateTitle) };
        if ((String(card, "subtitle") ?? (String(card, "title") is null ? null : String(card, "text"))) is { } subtitle)
        {
            element["subtitle"] = MessengerText.Shorten(subtitle, MaxTemplateTitle);
        }
        if (card.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array && images.GetArrayLength() > 0
            && String(images[0], "url") is { } image && IsWebUrl(image))
        {
            element["image_url"] = image;
        }
        if (buttons.Count > 0)
        {
            element["buttons"] = new JsonArray(buttons.Select(Button).ToArray<JsonNode?>());
        }
        return new JsonObject
        {
            ["type"] = "template",
            ["payload"] = new JsonObject { ["template_type"] = "generic", ["elements"] = new JsonArray(element) },
        };
    }

    private static JsonObject Button(CardAction action) =>
        action.Type == ActionTypes.OpenUrl && action.ValueText is { } url && IsWebUrl(url)
            ? new JsonObject { ["type"] = "web_url", ["url"] = url, ["title"] = MessengerText.Shorten(action.Title ?? url, MaxQuickReplyTitle) }
            : new JsonObject { ["type"] = "postback", ["title"] = MessengerText.Shorten(action.Title ?? Payload(action), MaxQuickReplyTitle), ["payload"] = Payload(action) };

    /// <summary>An image or file sent by its address.</summary>
    private static JsonObject? Media(Attachment attachment)
    {
        if (attachment.ContentUrl is not { } url || !IsWebUrl(url))
        {
            return null;
        }
        var type = attachment.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true ? "image" : "file";
        return new JsonObject { ["type"] = type, ["payload"] = new JsonObject { ["url"] = url, ["is_reusable"] = true } };
    }

    /// <summary>Any other card as text: its titles and text blocks, and links as "title: url".</summary>
    private static string? CardText(Attachment attachment)
    {
        if (attachment.Content is not { } content)
        {
            return null;
        }
        var lines = new List<string>();
        Collect(content, lines);
        return lines.Count == 0 ? null : string.Join("\n", lines.Distinct());
    }

    private static void Collect(JsonElement element, List<string> lines)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, lines);
                }
                break;
            case JsonValueKind.Object:
                var type = String(element, "type");
                if (type is "Action.OpenUrl" or ActionTypes.OpenUrl && (String(element, "url") ?? String(element, "value")) is { } url)
                {
                    lines.Add($"{String(element, "title") ?? url}: {url}");
                    return;
                }
                foreach (var name in new[] { "title", "subtitle", "text" })
                {
                    if (String(element, name) is { Length: > 0 } text && (type is null or "TextBlock" or "TextRun" || name != "title"))
                    {
                        lines.Add(MessengerText.FromMarkdown(text));
                    }
                }
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        Collect(property.Value, lines);
                    }
                }
                break;
        }
    }

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
