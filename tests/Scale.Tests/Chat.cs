using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Scale.Tests;

/// <summary>A resident's Direct Line conversation, each call sent to whichever instance (or nginx) the test names.</summary>
internal sealed class Chat(string conversationId, string token)
{
    public string ConversationId { get; } = conversationId;

    public string Token { get; } = token;

    public static async Task<Chat> OpenAsync(HttpClient via, HttpClient? startVia = null)
    {
        using var response = await via.PostAsync("/api/directline/token", null, Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var chat = new Chat(body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
        using var start = await chat.SendAsync(startVia ?? via, HttpMethod.Post, "/v3/directline/conversations", new { locale = "sv-SE" });
        Assert.Equal(System.Net.HttpStatusCode.Created, start.StatusCode);
        return chat;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient via, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await via.SendAsync(request, Ct);
    }

    /// <summary>Posts a message; the activity id, or null when the instance did not answer (e.g. it was killed).</summary>
    public async Task<string?> TryPostAsync(HttpClient via, string text, string? clientActivityId = null)
    {
        try
        {
            using var response = await SendAsync(via, HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new
            {
                type = "message",
                text,
                from = new { id = "resident" },
                channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") },
            });
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    public async Task<string> PostAsync(HttpClient via, string text) =>
        await TryPostAsync(via, text) ?? throw new InvalidOperationException($"POST to {via.BaseAddress} failed.");

    /// <summary>Uploads one file with a new activity, as the widget does.</summary>
    public async Task<HttpResponseMessage> UploadAsync(HttpClient via, string fileName, byte[] content, string contentType)
    {
        var activity = new StringContent(JsonSerializer.Serialize(new { type = "message", channelData = new { clientActivityID = Guid.NewGuid().ToString("N") } }));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/upload?userId=resident")
        {
            Content = new MultipartFormDataContent { { activity, "activity", "blob" }, { file, "file", fileName } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await via.SendAsync(request, Ct);
    }

    /// <summary>Files a fault report in four turns (the place, yes, no photo, no contact); its reference from the receipt.</summary>
    public async Task<string> FileFaultReportAsync(HttpClient via, string street)
    {
        foreach (var text in (string[])[$"Det finns ett stort potthål på {street} vid nummer 40.", "ja", "hoppa över", "hoppa över"])
        {
            await PostAsync(via, text);
        }
        var receipt = (await ActivitiesAsync(via)).Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null)
            .LastOrDefault(t => t?.Contains("FR-", StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException($"No receipt with an FR- reference in {ConversationId}.");
        return System.Text.RegularExpressions.Regex.Match(receipt, @"FR-\d{4}-\d{6}").Value;
    }

    public async Task<JsonElement[]> ActivitiesAsync(HttpClient via)
    {
        using var response = await SendAsync(via, HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark=");
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("activities").EnumerateArray()];
    }

    /// <summary>Waits until the log satisfies <paramref name="condition"/>, reading through <paramref name="via"/>.</summary>
    public async Task<JsonElement[]> WaitForAsync(HttpClient via, Func<JsonElement[], bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement[] activities = [];
        while (DateTime.UtcNow < deadline)
        {
            activities = await ActivitiesAsync(via);
            if (condition(activities))
            {
                return activities;
            }
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what} in {ConversationId}; the log has: {Describe(activities)}");
    }

    /// <summary>The Direct Line WebSocket stream of the conversation on one instance.</summary>
    public async Task<ClientWebSocket> ConnectStreamAsync(Uri instance)
    {
        var socket = new ClientWebSocket();
        var url = new Uri($"ws://{instance.Authority}/v3/directline/conversations/{ConversationId}/stream?watermark=&t={Uri.EscapeDataString(Token)}");
        await socket.ConnectAsync(url, Ct);
        return socket;
    }

    public static async Task<List<JsonElement>> ReadStreamUntilAsync(ClientWebSocket socket, Func<List<JsonElement>, bool> done, TimeSpan timeout)
    {
        var received = new List<JsonElement>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (!done(received))
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancel.Token);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                var text = Encoding.UTF8.GetString(message.ToArray());
                if (text.Length > 0)
                {
                    received.AddRange(JsonDocument.Parse(text).RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()));
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The stream did not deliver what was expected within {timeout.TotalSeconds} s; it delivered: {Describe([.. received])}");
        }
        return received;
    }

    public static string Describe(IEnumerable<JsonElement> activities) =>
        string.Join(" | ", activities.Select(a => $"{a.GetProperty("type").GetString()}:{(a.TryGetProperty("from", out var f) ? f.GetProperty("id").GetString() : "?")}:{(a.TryGetProperty("text", out var t) ? t.GetString() : "")}"));

    public static bool IsResidentMessage(JsonElement a) =>
        a.GetProperty("type").GetString() == "message" && a.GetProperty("from").TryGetProperty("role", out var role) && role.GetString() == "user";

    /// <summary>The bot's messages replying to <paramref name="activityId"/>.</summary>
    public static int RepliesTo(IEnumerable<JsonElement> activities, string activityId) =>
        activities.Count(a => a.GetProperty("type").GetString() == "message" && !IsResidentMessage(a)
            && a.TryGetProperty("replyToId", out var r) && r.GetString() == activityId);

    /// <summary>The BotDecision traces answering <paramref name="activityId"/>: exactly one per turn that ran.</summary>
    public static int DecisionsFor(IEnumerable<JsonElement> activities, string activityId) =>
        activities.Count(a => a.GetProperty("type").GetString() == "trace" && a.TryGetProperty("replyToId", out var r) && r.GetString() == activityId);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

/// <summary>A guide signed in through the API, talking to whichever instance the test names.</summary>
internal sealed class Guide(string token)
{
    public string Token { get; } = token;

    public static async Task<Guide> SignInAsync(HttpClient via)
    {
        using var response = await TrySignInAsync(via, "demo");
        response.EnsureSuccessStatusCode();
        return new Guide((await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!);
    }

    /// <summary>A sign-in attempt, from <paramref name="address"/> as the proxy (loopback) reports it when given.</summary>
    public static async Task<HttpResponseMessage> TrySignInAsync(HttpClient via, string password, string? address = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/guide/login") { Content = JsonContent.Create(new { userName = "demo", password }) };
        if (address is not null)
        {
            request.Headers.Add("X-Forwarded-For", address);
        }
        return await via.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient via, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await via.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> GetAsync(HttpClient via, string path)
    {
        using var response = await SendAsync(via, HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }
}
