namespace Bot.Channels.Connector;

/// <summary>
/// The Azure Bot Service identity and the URLs of the Bot Framework authentication services
/// (design/protocols.md §4). With no app id the endpoint runs in Emulator mode, and only in Development.
/// </summary>
internal sealed record ConnectorOptions
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string Issuer = "https://api.botframework.com";
    public const string Scope = "https://api.botframework.com/.default";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public string? AppId { get; init; }
    public string? AppPassword { get; init; }
    public string? TenantId { get; init; }
    public string OpenIdMetadataUrl { get; init; } = DefaultOpenIdMetadataUrl;
    public required string TokenEndpoint { get; init; }

    /// <summary>Development without an app id: unauthenticated Emulator-style traffic is accepted.</summary>
    public bool EmulatorMode { get; init; }

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>False when no app id is set outside Development: every request is refused.</summary>
    public bool Enabled => AuthenticationEnabled || EmulatorMode;

    public static ConnectorOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var appId = Value(configuration["MicrosoftAppId"]);
        var tenant = Value(configuration["MicrosoftAppTenantId"]);
        var options = new ConnectorOptions
        {
            AppId = appId,
            AppPassword = Value(configuration["MicrosoftAppPassword"]),
            TenantId = tenant,
            OpenIdMetadataUrl = Value(configuration["Connector:OpenIdMetadataUrl"]) ?? DefaultOpenIdMetadataUrl,
            // Single-tenant bots get their token from their own tenant; legacy multi-tenant bots from botframework.com.
            TokenEndpoint = Value(configuration["Connector:TokenEndpoint"])
                ?? $"https://login.microsoftonline.com/{Uri.EscapeDataString(tenant ?? "botframework.com")}/oauth2/v2.0/token",
            EmulatorMode = appId is null && environment.IsDevelopment(),
        };
        if (options.AuthenticationEnabled && options.AppPassword is null)
        {
            throw new InvalidOperationException("MicrosoftAppId is set but MicrosoftAppPassword is not: the bot cannot reply through Azure Bot Service without it.");
        }
        return options;
    }

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The clock for token lifetimes: real time even when Bot:Now fixes the bot's clock for a demo.</summary>
internal sealed record ConnectorClock(TimeProvider Time)
{
    public DateTimeOffset Now => Time.GetUtcNow();
}
