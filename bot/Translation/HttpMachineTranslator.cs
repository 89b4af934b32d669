using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Bot.Translation;

/// <summary>
/// Machine translation by a LibreTranslate-compatible HTTP server (<c>Translation:Url</c>). A failed or
/// slow translation gives null (the guide sees the original only) and is logged; translations are kept in
/// memory so that opening a case again does not translate its transcript again.
/// </summary>
internal sealed partial class HttpMachineTranslator(IHttpClientFactory clients, IOptions<TranslationOptions> options, ILogger<HttpMachineTranslator> logger) : IMachineTranslator
{
    public const string ClientName = "translation";

    private const int MaxCached = 5000;
    private const int MaxLength = 5000;
    private readonly ConcurrentDictionary<(string Text, string From, string To), string> _cache = new();

    public bool Available => true;

    public async Task<string?> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || from == to)
        {
            return null;
        }
        var key = (text, Code(from), Code(to));
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)));
        try
        {
            var request = new TranslateRequest(text.Length > MaxLength ? text[..MaxLength] : text, key.Item2, key.Item3, "text", string.IsNullOrEmpty(options.Value.ApiKey) ? null : options.Value.ApiKey);
            using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(new Uri(BaseAddress(), "translate"), request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                Log.Failed(logger, (int)response.StatusCode, key.Item2, key.Item3);
                return null;
            }
            var body = await response.Content.ReadFromJsonAsync<TranslateResponse>(timeout.Token);
            if (body?.TranslatedText is not { Length: > 0 } translated)
            {
                Log.Failed(logger, (int)response.StatusCode, key.Item2, key.Item3);
                return null;
            }
            if (_cache.Count >= MaxCached)
            {
                _cache.Clear();
            }
            _cache[key] = translated;
            return translated;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or NotSupportedException && !cancellationToken.IsCancellationRequested)
        {
            Log.Unreachable(logger, e.GetType().Name, key.Item2, key.Item3);
            return null;
        }
    }

    private Uri BaseAddress()
    {
        var url = options.Value.Url!.Trim();
        return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
    }

    /// <summary>LibreTranslate knows no "sv-easy": easy Swedish is Swedish.</summary>
    private static string Code(string language) => language == "sv-easy" ? "sv" : language;

    private sealed record TranslateRequest(
        [property: JsonPropertyName("q")] string Q,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("api_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiKey);

    private sealed record TranslateResponse([property: JsonPropertyName("translatedText")] string? TranslatedText);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Machine translation {From}→{To} failed with HTTP status {Status}")]
        public static partial void Failed(ILogger logger, int status, string from, string to);

        [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Machine translation {From}→{To} failed: {Error}")]
        public static partial void Unreachable(ILogger logger, string error, string from, string to);
    }
}
