using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dialogs.Protocol;

/// <summary>A button. <c>imBack</c> posts its value as the user's message; <c>openUrl</c> opens a link.</summary>
public sealed record CardAction
{
    public required string Type { get; init; }
    public string? Title { get; init; }
    public JsonElement? Value { get; init; }
    public string? Text { get; init; }
    public string? DisplayText { get; init; }
    public string? Image { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }

    public static CardAction ImBack(string title, string? value = null) =>
        new() { Type = ActionTypes.ImBack, Title = title, Value = JsonSerializer.SerializeToElement(value ?? title) };

    public static CardAction OpenUrl(string title, string url) =>
        new() { Type = ActionTypes.OpenUrl, Title = title, Value = JsonSerializer.SerializeToElement(url) };

    /// <summary>The value as text, when it is a string.</summary>
    [JsonIgnore]
    public string? ValueText => Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}

public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
    public const string Call = "call";
}

/// <summary>Buttons shown under the bot's last message, cleared when the user answers.</summary>
public sealed record SuggestedActions
{
    public IReadOnlyList<CardAction> Actions { get; init; } = [];
    public IReadOnlyList<string>? To { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}
