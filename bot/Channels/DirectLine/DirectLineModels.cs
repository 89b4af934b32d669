using System.Text.Json.Serialization;
using Dialogs.Protocol;

namespace Bot.Channels.DirectLine;

/// <summary>The Direct Line 3.0 Conversation object.</summary>
internal sealed record DirectLineConversation(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl);

/// <summary>A page of activities and the watermark to continue from.</summary>
internal sealed record ActivitySet(
    [property: JsonPropertyName("activities")] IReadOnlyList<Activity> Activities,
    [property: JsonPropertyName("watermark")] string Watermark);

/// <summary>The answer to a posted activity.</summary>
internal sealed record ResourceResponse([property: JsonPropertyName("id")] string Id);

/// <summary>Optional body of token and start requests.</summary>
internal sealed record TokenRequest(ChannelAccount? User, string? Locale);

/// <summary>The Direct Line error body: <c>{"error":{"code","message"}}</c>.</summary>
internal sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorDetail Error)
{
    public static ErrorResponse Of(string code, string message) => new(new ErrorDetail(code, message));
}

internal sealed record ErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
