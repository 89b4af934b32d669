using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary>
/// Sends activities to the Bot Connector at the conversation's serviceUrl (design/protocols.md §4.3):
/// a reply to <c>v3/conversations/{id}/activities/{replyToId}</c>, anything else appended to
/// <c>v3/conversations/{id}/activities</c>. The bearer token goes only to serviceUrls taken from
/// authenticated activities.
/// </summary>
internal sealed class ConnectorClient(IHttpClientFactory httpClients, ConnectorTokens tokens)
{
    public const string HttpClientName = "BotConnector";

    public async Task<string?> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var url = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId))
        {
            url += "/" + Uri.EscapeDataString(activity.ReplyToId);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(ActivityJson.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        if (await tokens.GetAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorDeliveryException($"The connector answered {(int)response.StatusCode}.");
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            // Channels that answer 200 with an empty body still delivered the activity.
            return null;
        }
    }
}

/// <summary>The connector (or its token endpoint) did not accept an activity.</summary>
internal sealed class ConnectorDeliveryException(string message) : Exception(message);
