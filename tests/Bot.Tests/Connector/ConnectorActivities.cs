namespace Bot.Tests.Connector;

/// <summary>Activities and tokens as Azure Bot Service sends them.</summary>
internal static class ConnectorActivities
{
    public const string BotAccountId = "28:stadsbot-handle";
    public const string UserId = "29:resident-1";

    public static object Message(FakeBotFramework fake, string conversationId, string text, string? id = null, string channelId = "webchat", string? serviceUrl = null) => new
    {
        type = "message",
        id = id ?? Guid.NewGuid().ToString("N")[..12],
        timestamp = DateTimeOffset.UtcNow,
        channelId,
        serviceUrl = serviceUrl ?? fake.ServiceUrl,
        from = new { id = UserId, name = "Anna Andersson" },
        recipient = new { id = BotAccountId, name = "Stadsbot" },
        conversation = new { id = conversationId, tenantId = "city-tenant" },
        locale = "sv-SE",
        textFormat = "plain",
        text,
    };

    /// <summary>The claims of a valid Bot Framework token for this fake and app id, issued now.</summary>
    public static Dictionary<string, object> Claims(FakeBotFramework fake, DateTimeOffset now, string? serviceUrl = null) => new()
    {
        ["serviceurl"] = serviceUrl ?? fake.ServiceUrl,
        ["iss"] = "https://api.botframework.com",
        ["aud"] = ConnectorBot.AppId,
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(59).ToUnixTimeSeconds(),
    };
}
