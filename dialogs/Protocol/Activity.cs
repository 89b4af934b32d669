using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dialogs.Protocol;

/// <summary>
/// The Bot Framework Activity (protocol v3). Unknown fields are kept in <see cref="Properties"/>
/// and written back unchanged, as the protocol requires.
/// </summary>
public sealed record Activity
{
    public required string Type { get; init; }
    public string? Id { get; init; }
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? LocalTimestamp { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? TextFormat { get; init; }
    public string? AttachmentLayout { get; init; }
    public string? Text { get; init; }
    public string? Speak { get; init; }
    public string? InputHint { get; init; }
    public string? Locale { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<JsonElement>? Entities { get; init; }
    public JsonElement? ChannelData { get; init; }
    public string? ReplyToId { get; init; }
    public string? Name { get; init; }
    public string? Label { get; init; }
    public string? ValueType { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? RelatesTo { get; init; }
    public string? Code { get; init; }
    public string? DeliveryMode { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>A message from the bot in reply to this activity.</summary>
    public Activity CreateReply(string text, string? locale = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "markdown",
        Locale = locale ?? Locale,
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        InputHint = "acceptingInput",
    };

    /// <summary>A trace activity (never shown to residents) in reply to this activity.</summary>
    public Activity CreateTrace(string name, object value, string valueType, string? label = null) => new()
    {
        Type = ActivityTypes.Trace,
        Name = name,
        Label = label,
        ValueType = valueType,
        Value = JsonSerializer.SerializeToElement(value, ActivityJson.Options),
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
    };

    /// <summary>The string value of <c>channelData.{name}</c>, if any.</summary>
    public string? ChannelDataString(string name) =>
        ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
