using System.Security.Cryptography;
using System.Text.Json;

namespace Bot.Channels.Connector;

/// <summary>A Bot Framework signing key and the channels it is endorsed for.</summary>
internal sealed record ConnectorSigningKey(string KeyId, RSAParameters Parameters, IReadOnlyList<string> Endorsements);

/// <summary>
/// The Bot Framework's signing keys: OpenID metadata → <c>jwks_uri</c> → JWKS with <c>endorsements</c>.
/// Cached for a day; an unknown key id (a rotation) fetches them again, at most once a minute.
/// When a fetch fails the keys already known keep working.
/// </summary>
internal sealed class ConnectorSigningKeys(IHttpClientFactory httpClients, ConnectorOptions options, ConnectorClock clock, ILogger<ConnectorSigningKeys> logger)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, ConnectorSigningKey> _keys = new Dictionary<string, ConnectorSigningKey>();
    private DateTimeOffset? _fetchedAt;
    private DateTimeOffset? _attemptedAt;

    public async Task<ConnectorSigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        if (IsFresh(clock.Now) && _keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.Now;
            var known = _keys.ContainsKey(keyId);
            var mayTry = _attemptedAt is not { } attempted || now - attempted >= MinimumRefreshInterval;
            if ((!IsFresh(now) || !known) && mayTry)
            {
                _attemptedAt = now;
                try
                {
                    _keys = await FetchAsync(cancellationToken);
                    _fetchedAt = now;
                    ConnectorLog.KeysFetched(logger, _keys.Count);
                }
                catch (Exception exception) when (exception is HttpRequestException or JsonException or InvalidOperationException or FormatException
                    or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    ConnectorLog.KeysFetchFailed(logger, exception);
                }
            }
            return _keys.GetValueOrDefault(keyId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(DateTimeOffset now) => _fetchedAt is { } fetched && now - fetched < CacheLifetime;

    private async Task<IReadOnlyDictionary<string, ConnectorSigningKey>> FetchAsync(CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(ConnectorClient.HttpClientName);
        var metadata = await http.GetFromJsonAsync<JsonElement>(options.OpenIdMetadataUrl, cancellationToken);
        var jwksUri = metadata.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
            ? uri.GetString()!
            : throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
        var jwks = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(options.OpenIdMetadataUrl), jwksUri), cancellationToken);
        if (!jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The key set has no keys.");
        }
        var result = new Dictionary<string, ConnectorSigningKey>(StringComparer.Ordinal);
        foreach (var key in keys.EnumerateArray())
        {
            if (Parse(key) is { } parsed)
            {
                result[parsed.KeyId] = parsed;
            }
        }
        return result;
    }

    private static ConnectorSigningKey? Parse(JsonElement key)
    {
        string? Text(string name) => key.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text("kty") != "RSA" || Text("kid") is not { } kid || Text("n") is not { } n || Text("e") is not { } e
            || (Text("use") is { } use && use != "sig"))
        {
            return null;
        }
        var endorsements = key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        return new ConnectorSigningKey(kid, new RSAParameters { Modulus = Base64Url.Decode(n), Exponent = Base64Url.Decode(e) }, endorsements);
    }
}
