using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Channels.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Connector;

/// <summary>The bot on real Kestrel (127.0.0.1, a free port), configured against the fake Bot Framework.</summary>
internal sealed class ConnectorBot : WebApplicationFactory<Program>
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string AppPassword = "test-app-password";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly TimeProvider? _connectorClock;

    public ConnectorBot(FakeBotFramework fake, bool withAppId = true, string environment = "Development",
        IDictionary<string, string?>? settings = null, TimeProvider? connectorClock = null)
    {
        _environment = environment;
        _connectorClock = connectorClock;
        _settings = new Dictionary<string, string?>
        {
            ["Bot:DataDirectory"] = DataDirectory,
            ["Bot:Trace"] = "true",
            ["Connector:OpenIdMetadataUrl"] = fake.MetadataUrl,
            ["Connector:TokenEndpoint"] = fake.TokenUrl,
        };
        if (withAppId)
        {
            _settings["MicrosoftAppId"] = AppId;
            _settings["MicrosoftAppPassword"] = AppPassword;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "bot-connector-" + Guid.NewGuid().ToString("N"));

    public ConcurrentQueue<string> LogLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(LogLines)).SetMinimumLevel(LogLevel.Debug));
        if (_connectorClock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(new ConnectorClock(_connectorClock)));
        }
    }

    /// <summary>Posts an activity to <c>/api/messages</c> as Azure Bot Service does, with this bearer token (or none).</summary>
    public Task<HttpResponseMessage> PostActivityAsync(object activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<HttpClient> GuideAsync()
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
