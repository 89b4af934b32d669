using System.Globalization;
using System.Text.Json;

namespace Bot.Channels.Messenger;

/// <summary>One <c>messaging[]</c> (or <c>standby[]</c>) item of a webhook delivery, as stored in the inbox.</summary>
/// <param name="Key">What identifies a redelivery: the message id, else sender, time and payload.</param>
/// <param name="Json">The item exactly as Meta sent it.</param>
internal sealed record MessengerEvent(string Key, string Kind, string PageId, string SenderId, long Timestamp, string Json)
{
    /// <summary>One conversation per page and resident (the Bot Framework's Facebook convention).</summary>
    public string ConversationId => MessengerChannel.ConversationId(PageId, SenderId);

    /// <summary>Whether the resident did something (opens the 24-hour messaging window).</summary>
    public bool FromResident => Kind is MessengerEventKinds.Message or MessengerEventKinds.Postback or MessengerEventKinds.Optin or MessengerEventKinds.Standby;
}

internal static class MessengerEventKinds
{
    public const string Message = "message";
    public const string Postback = "postback";
    public const string Optin = "optin";
    /// <summary>A resident's message while another app (the Page Inbox) owns the thread.</summary>
    public const string Standby = "standby";
    /// <summary>Thread control came back to us (handover protocol).</summary>
    public const string ThreadControl = "thread_control";
}

/// <summary>Reads a webhook delivery (<c>entry[]</c> with <c>messaging[]</c>/<c>standby[]</c>, both batched) into inbox events.</summary>
internal static class MessengerWebhook
{
    /// <summary>The events to process; echoes, deliveries, reads and unknown kinds are left out and only counted.</summary>
    public static (IReadOnlyList<MessengerEvent> Events, int Ignored) Parse(JsonElement root)
    {
        var events = new List<MessengerEvent>();
        var ignored = 0;
        if (root.ValueKind != JsonValueKind.Object || String(root, "object") != "page" || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return (events, ignored);
        }
        foreach (var entry in entries.EnumerateArray())
        {
            var pageId = String(entry, "id");
            foreach (var (field, standby) in new[] { ("messaging", false), ("standby", true) })
            {
                if (!entry.TryGetProperty(field, out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                foreach (var item in items.EnumerateArray())
                {
                    if (Read(item, pageId, standby) is { } read)
                    {
                        events.Add(read);
                    }
                    else
                    {
                        ignored++;
                    }
                }
            }
        }
        return (events, ignored);
    }

    private static MessengerEvent? Read(JsonElement item, string? entryPageId, bool standby)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var sender = Id(item, "sender");
        var page = Id(item, "recipient") ?? entryPageId;
        if (sender is null || page is null)
        {
            return null;
        }
        var timestamp = item.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ms) ? ms : 0;
        var json = item.GetRawText();
        MessengerEvent Event(string key, string kind) => new(key, kind, page, sender, timestamp, json);

        if (item.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            // Echoes are our own sends (or the Page Inbox's): never input for the bot.
            if (message.TryGetProperty("is_echo", out var echo) && echo.ValueKind == JsonValueKind.True)
            {
                return null;
            }
            var mid = String(message, "mid") ?? $"{sender}:{timestamp}";
            return Event("mid:" + mid, standby ? MessengerEventKinds.Standby : MessengerEventKinds.Message);
        }
        if (standby)
        {
            return null;
        }
        if (item.TryGetProperty("postback", out var postback) && postback.ValueKind == JsonValueKind.Object)
        {
            var key = String(postback, "mid") is { } mid ? "mid:" + mid : $"postback:{sender}:{timestamp}:{String(postback, "payload")}";
            return Event(key, MessengerEventKinds.Postback);
        }
        if (item.TryGetProperty("optin", out _))
        {
            return Event($"optin:{sender}:{timestamp.ToString(CultureInfo.InvariantCulture)}", MessengerEventKinds.Optin);
        }
        if (item.TryGetProperty("pass_thread_control", out _))
        {
            return Event($"pass:{sender}:{timestamp.ToString(CultureInfo.InvariantCulture)}", MessengerEventKinds.ThreadControl);
        }
        // delivery, read, reaction, referral, take/request_thread_control: nothing for the bot to do.
        return null;
    }

    private static string? Id(JsonElement item, string name) =>
        item.TryGetProperty(name, out var account) && account.ValueKind == JsonValueKind.Object ? String(account, "id") : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
