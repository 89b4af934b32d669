using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Messenger;

/// <summary>A call the bot made to the Graph API.</summary>
internal sealed record GraphCall(string Path, string? Authorization, JsonElement Body)
{
    public string? Text => Message is { } m && m.TryGetProperty("text", out var t) ? t.GetString() : null;
    public JsonElement? Message => Body.TryGetProperty("message", out var m) ? m : null;
    public string? MessagingType => Body.TryGetProperty("messaging_type", out var t) ? t.GetString() : null;
    public string? Tag => Body.TryGetProperty("tag", out var t) ? t.GetString() : null;
    public string? SenderAction => Body.TryGetProperty("sender_action", out var a) ? a.GetString() : null;
    public string? Recipient => Body.TryGetProperty("recipient", out var r) ? r.GetProperty("id").GetString() : null;
    public bool IsMessage => Path.EndsWith("/me/messages", StringComparison.Ordinal) && Message is not null;

    public IReadOnlyList<(string Title, string Payload)> QuickReplies =>
        Message is { } m && m.TryGetProperty("quick_replies", out var q)
            ? q.EnumerateArray().Select(r => (r.GetProperty("title").GetString()!, r.GetProperty("payload").GetString()!)).ToList()
            : [];
}

/// <summary>
/// A fake Graph API on a real Kestrel listener (127.0.0.1, a free port): records every call and
/// answers like the Send API, or as <see cref="Respond"/> says (to test retries and errors).
/// </summary>
internal sealed class FakeGraphApi : IAsyncDisposable
{
    public const string Version = "v21.0";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GraphCall> _calls = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private FakeGraphApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Given the call and its number (1-based), the status and body to answer with; null for 200 with a message id.</summary>
    public Func<GraphCall, int, (int Status, string Body)?>? Respond { get; set; }

    public IReadOnlyList<GraphCall> Calls => [.. _calls];

    /// <summary>Files served as Meta's CDN serves attachments: <c>GET {CdnUrl(name)}</c>.</summary>
    public ConcurrentDictionary<string, (byte[] Content, string ContentType)> Files { get; } = new();

    public string CdnUrl(string name) => BaseUrl[..BaseUrl.LastIndexOf('/')] + "/cdn/" + name;

    public IReadOnlyList<GraphCall> Messages => Calls.Where(c => c.IsMessage).ToList();

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGraphApi(app);
        app.MapPost($"/{Version}/{{**path}}", fake.HandleAsync);
        app.MapGet("/cdn/{name}", (string name) => fake.Files.TryGetValue(name, out var file)
            ? Results.Bytes(file.Content, file.ContentType)
            : Results.NotFound());
        await app.StartAsync(TestContext.Current.CancellationToken);
        fake.BaseUrl = app.Urls.Single() + "/" + Version;
        return fake;
    }

    /// <summary>Waits until the calls so far satisfy <paramref name="condition"/> (at most 20 seconds).</summary>
    public async Task<IReadOnlyList<GraphCall>> WaitForAsync(Func<IReadOnlyList<GraphCall>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var calls = Calls;
            if (condition(calls))
            {
                return calls;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"The fake Graph API did not see {what}. Calls: {string.Join(" | ", calls.Select(c => c.Path + " " + c.Body.GetRawText()))}");
            }
            try
            {
                await changed.WaitAsync(left, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    public Task<IReadOnlyList<GraphCall>> WaitForTextAsync(string contains) =>
        WaitForAsync(calls => calls.Any(c => c.Text?.Contains(contains, StringComparison.Ordinal) == true), $"a message containing \"{contains}\"");

    private async Task<IResult> HandleAsync(HttpContext context, string path)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
        var call = new GraphCall("/" + path, context.Request.Headers.Authorization.ToString(), body);
        var number = Interlocked.Increment(ref _count);
        _calls.Enqueue(call);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (Respond?.Invoke(call, number) is { } answer)
        {
            return Results.Content(answer.Body, "application/json", statusCode: answer.Status);
        }
        return call.Path switch
        {
            "/me/messages" when call.SenderAction is null => Results.Json(new { recipient_id = call.Recipient, message_id = "m_sent_" + number }),
            "/me/messages" => Results.Json(new { recipient_id = call.Recipient }),
            _ => Results.Json(new { success = true }),
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
