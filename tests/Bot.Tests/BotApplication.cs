using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests;

/// <summary>The bot host in memory, with its own data folder and a log that tests can read.</summary>
internal sealed class BotApplication(string? dataDirectory = null, IDictionary<string, string?>? settings = null, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "bot-test-" + Guid.NewGuid().ToString("N"));

    public ConcurrentQueue<string> LogLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Bot:DataDirectory", DataDirectory);
        builder.UseSetting("Bot:Trace", "true");
        builder.UseSetting("DirectLine:TokensPerMinute", "10000");
        builder.UseSetting("DirectLine:Secret", "test-secret-0123456789");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(LogLines)).SetMinimumLevel(LogLevel.Debug));
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>
    /// Creates a conversation through the website token endpoint and starts it; <paramref name="forwardedFor"/>
    /// is the resident's address as the reverse proxy reports it (X-Forwarded-For).
    /// </summary>
    public async Task<ResidentChat> StartChatAsync(string locale = "sv-SE", string? forwardedFor = null)
    {
        var client = CreateClient();
        var cancellationToken = TestContext.Current.CancellationToken;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        if (forwardedFor is not null)
        {
            tokenRequest.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        var tokenResponse = await client.SendAsync(tokenRequest, cancellationToken);
        tokenResponse.EnsureSuccessStatusCode();
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var chat = new ResidentChat(client, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        var start = await chat.SendAsync(HttpMethod.Post, "/v3/directline/conversations", new { locale });
        Assert.Equal(System.Net.HttpStatusCode.Created, start.StatusCode);
        chat.StreamUrl = (await start.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("streamUrl").GetString()!;
        return chat;
    }
}

/// <summary>One resident's Direct Line conversation over HTTP.</summary>
internal sealed class ResidentChat(HttpClient client, string conversationId, string token)
{
    public HttpClient Client { get; } = client;
    public string ConversationId { get; } = conversationId;
    public string Token { get; set; } = token;
    public string StreamUrl { get; set; } = "";

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<string> PostMessageAsync(string text, string? clientActivityId = null)
    {
        var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new
        {
            type = "message",
            text,
            from = new { id = "someone-else", name = "Anna" },
            channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") },
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    public async Task<(IReadOnlyList<Activity> Activities, string Watermark)> GetActivitiesAsync(string watermark = "")
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={watermark}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var set = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var activities = set.GetProperty("activities").Deserialize<List<Activity>>(ActivityJson.Options)!;
        return (activities, set.GetProperty("watermark").GetString()!);
    }
}

internal sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + " " + exception);
    }
}
