using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dialogs.Protocol;

/// <summary>A participant of a conversation (user, bot, or guide).</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }
    public string? AadObjectId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>The conversation an activity belongs to.</summary>
public sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool? IsGroup { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}
