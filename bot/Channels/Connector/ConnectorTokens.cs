using System.Text.Json;

namespace Bot.Channels.Connector;

/// <summary>
/// The bot's own token for calls to the connector (client credentials, design/protocols.md §4.2),
/// cached until five minutes before it expires. None in Emulator mode.
/// </summary>
internal sealed class ConnectorTokens(IHttpClientFactory httpClients, ConnectorOptions options, ConnectorClock clock, ILogger<ConnectorTokens> logger)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (!options.AuthenticationEnabled)
        {
            return null;
        }
        if (_cached is { } cached && clock.Now < cached.RenewAt)
        {
            return cached.Token;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && clock.Now < again.RenewAt)
            {
                return again.Token;
            }
            var requestedAt = clock.Now;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.AppId!,
                ["client_secret"] = options.AppPassword!,
                ["scope"] = ConnectorOptions.Scope,
            });
            using var response = await httpClients.CreateClient(ConnectorClient.HttpClientName).PostAsync(options.TokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                ConnectorLog.TokenRequestFailed(logger, (int)response.StatusCode);
                throw new ConnectorDeliveryException($"The token endpoint answered {(int)response.StatusCode}.");
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var token = body.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! 
                : throw new ConnectorDeliveryException("The token endpoint returned no access_token.");
            var lifetime = TimeSpan.FromSeconds(body.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600);
            // Short-lived tokens are renewed halfway through instead of five minutes before they expire.
            var margin = lifetime > 2 * RenewBefore ? RenewBefore : lifetime / 2;
            _cached = (token, requestedAt + lifetime - margin);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
