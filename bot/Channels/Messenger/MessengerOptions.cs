namespace Bot.Channels.Messenger;

/// <summary>Settings of the Messenger channel (configuration section "Messenger"). The channel is on when the three secrets are set.</summary>
internal sealed record MessengerOptions
{
    public const string SectionName = "Messenger";

    /// <summary>The Facebook app's secret: the key of the webhook signatures.</summary>
    public string? AppSecret { get; init; }

    /// <summary>The page access token the Send API is called with.</summary>
    public string? PageAccessToken { get; init; }

    /// <summary>The string we chose and entered in the app's webhook settings (verification handshake).</summary>
    public string? VerifyToken { get; init; }

    /// <summary>Base URL of the Graph API, including the version.</summary>
    public string GraphApiBaseUrl { get; init; } = "https://graph.facebook.com/v21.0";

    /// <summary>Pass the thread to the Page Inbox when a chat is handed to a guide (guides answer in Meta Business Suite).</summary>
    public bool HandoverToPageInbox { get; init; }

    /// <summary>The app that receives the thread on handover; Meta's Page Inbox by default.</summary>
    public string PageInboxAppId { get; init; } = "263902037430900";

    /// <summary>Attempts per Send API call when Meta answers with a server error or a rate limit.</summary>
    public int MaxSendAttempts { get; init; } = 4;

    /// <summary>The first delay between attempts; doubled each time.</summary>
    public int RetryDelayMilliseconds { get; init; } = 500;

    /// <summary>Accept and store webhook events but do not process them (maintenance; they are processed once this is off again).</summary>
    public bool PauseProcessing { get; init; }

    public bool Enabled =>
        !string.IsNullOrWhiteSpace(AppSecret) && !string.IsNullOrWhiteSpace(PageAccessToken) && !string.IsNullOrWhiteSpace(VerifyToken);
}
