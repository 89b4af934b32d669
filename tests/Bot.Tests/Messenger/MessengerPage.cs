using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bot.Tests.Messenger;

/// <summary>Plays Meta's side of the webhook: builds deliveries as Messenger sends them and signs them with the app secret.</summary>
internal sealed class MessengerPage(HttpClient client, TimeProvider? clock = null)
{
    public const string PageId = "104729384756102";
    public const string AppSecret = "test-app-secret-3f9a";
    public const string PageAccessToken = "EAAtestpagetoken";
    public const string VerifyToken = "stadsbot-verify-7c1e";

    public HttpClient Client { get; } = client;

    public static Dictionary<string, string?> Settings(FakeGraphApi graph, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messenger:AppSecret"] = AppSecret,
            ["Messenger:PageAccessToken"] = PageAccessToken,
            ["Messenger:VerifyToken"] = VerifyToken,
            ["Messenger:GraphApiBaseUrl"] = graph.BaseUrl,
            ["Messenger:RetryDelayMilliseconds"] = "5",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }

    public static string ConversationId(string psid) => $"{psid}-{PageId}";

    public long Now => (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();

    public object Text(string psid, string mid, string text, long? timestamp = null) => new
    {
        sender = new { id = psid },
        recipient = new { id = PageId },
        timestamp = timestamp ?? Now,
        message = new { mid, text },
    };

    public object QuickReply(string psid, string mid, string title, string payload) => new
    {
        sender = new { id = psid },
        recipient = new { id = PageId },
        timestamp = Now,
        message = new { mid, text = title, quick_reply = new { payload } },
    };

    public object Postback(string psid, string mid, string payload) => new
    {
        sender = new { id = psid },
        recipient = new { id = PageId },
        timestamp = Now,
        postback = new { mid, title = "Kom igång", payload },
    };

    public object Image(string psid, string mid, string url) => new
    {
        sender = new { id = psid },
        recipient = new { id = PageId },
        timestamp = Now,
        message = new { mid, attachments = new[] { new { type = "image", payload = new { url } } } },
    };

    public object Read(string psid) => new { sender = new { id = psid }, recipient = new { id = PageId }, timestamp = Now, read = new { watermark = Now } };

    public object Delivered(string psid, string mid) => new { sender = new { id = psid }, recipient = new { id = PageId }, timestamp = Now, delivery = new { mids = new[] { mid }, watermark = Now } };

    public object Echo(string psid, string mid) => new
    {
        sender = new { id = PageId },
        recipient = new { id = psid },
        timestamp = Now,
        message = new { mid, is_echo = true, app_id = 1517776481860111, text = "echo" },
    };

    public object Optin(string psid) => new { sender = new { id = psid }, recipient = new { id = PageId }, timestamp = Now, optin = new { @ref = "website" } };

    /// <summary>A webhook delivery: one entry for the page with these <c>messaging</c> items, as Meta batches them.</summary>
    public static string Delivery(params object[] messaging) =>
        JsonSerializer.Serialize(new { @object = "page", entry = new[] { new { id = PageId, time = 1764000000000, messaging } } });

    /// <summary>Posts a delivery signed as Meta signs it: HMAC-SHA256 of the exact bytes with the app secret.</summary>
    public Task<HttpResponseMessage> PostAsync(string json, string secret = AppSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes));
        return PostRawAsync(bytes, signature);
    }

    public Task<HttpResponseMessage> PostRawAsync(byte[] bytes, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messenger") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }
        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> SendAsync(params object[] messaging) => PostAsync(Delivery(messaging));
}
