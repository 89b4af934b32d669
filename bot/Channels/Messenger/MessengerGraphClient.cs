using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Messenger;

/// <summary>The outcome of a Graph API call: the message id, or Meta's error code and text.</summary>
internal sealed record GraphResult(bool Ok, string? MessageId = null, int? Status = null, int? Code = null, int? Subcode = null, string? Error = null);

/// <summary>
/// Calls the Graph API (Send API, sender actions, thread control) with the page token in the
/// Authorization header, so it never appears in a logged URL. Server errors and rate limits are
/// retried with exponential backoff; other errors are permanent and logged with what they mean.
/// </summary>
internal sealed class MessengerGraphClient(HttpClient http, IOptions<MessengerOptions> options, ILogger<MessengerGraphClient> logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    // 1 unknown, 2 service unavailable, 4/17/32/613 rate limits, 1200 temporary send failure.
    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 17, 32, 613, 1200];

    public Task<GraphResult> SendMessageAsync(JsonObject body, string conversationId, CancellationToken cancellationToken) =>
        PostAsync("me/messages", body, conversationId, cancellationToken);

    public async Task<GraphResult> PostAsync(string path, JsonObject body, string conversationId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = settings.GraphApiBaseUrl.TrimEnd('/') + "/" + path;
        var json = body.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            GraphResult result;
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.PageAccessToken);
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return new GraphResult(true, MessageId(text), (int)response.StatusCode);
                }
                result = Failure(response.StatusCode, text);
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException exception)
            {
                // No answer at all (connection refused or reset): try again like a server error.
                result = new GraphResult(false, Error: exception.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Sends are not idempotent at Meta: after a timeout the message may have gone out, so it is not repeated.
                MessengerLog.SendTimedOut(logger, path, conversationId);
                return new GraphResult(false, Error: "timeout");
            }

            if (!IsTransient(result))
            {
                MessengerLog.SendRefused(logger, path, conversationId, result.Status, result.Code, result.Subcode, Meaning(result), result.Error);
                return result;
            }
            if (attempt >= settings.MaxSendAttempts)
            {
                MessengerLog.SendGaveUp(logger, path, conversationId, attempt, result.Status, result.Code, result.Error);
                return result;
            }
            var delay = TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds * Math.Pow(2, attempt - 1));
            if (retryAfter is { } after && after > delay)
            {
                delay = after;
            }
            delay = delay > MaxDelay ? MaxDelay : delay;
            MessengerLog.SendRetry(logger, path, conversationId, attempt, result.Status, result.Code, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static bool IsTransient(GraphResult result) =>
        result.Status is null or >= 500 or (int)HttpStatusCode.TooManyRequests || (result.Code is { } code && TransientCodes.Contains(code));

    /// <summary>What an error means for the guide or the operator (Send API error codes).</summary>
    private static string Meaning(GraphResult result) => (result.Code, result.Subcode) switch
    {
        (10, 2018278) or (10, _) => "outside the messaging window (24 hours; HUMAN_AGENT: 7 days)",
        (551, _) => "the person is not available (blocked the page or deleted the account)",
        (100, 2018001) => "no such person for this page",
        (190, _) => "the page access token is invalid or expired",
        (200, _) or (230, _) or (3, _) => "the app lacks a permission (pages_messaging, Human Agent)",
        (2018108, _) or (10900, _) or (10903, _) => "the thread is owned by another app or already answered",
        _ => "refused",
    };

    private static GraphResult Failure(HttpStatusCode status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new GraphResult(false, null, (int)status, Int(error, "code"), Int(error, "error_subcode"),
                    error.TryGetProperty("message", out var message) ? message.GetString() : null);
            }
        }
        catch (JsonException)
        {
        }
        return new GraphResult(false, null, (int)status);
    }

    private static string? MessageId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message_id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;
}
