using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dialogs.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Connector;

/// <summary>
/// Azure Bot Service's side on loopback (real Kestrel on 127.0.0.1:0): the OpenID metadata and the
/// signing keys with endorsements, the token endpoint, and a connector that records what the bot sends.
/// </summary>
internal sealed class FakeBotFramework : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorRequest> _received = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _tokenRequests = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tokenCount;

    private FakeBotFramework(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The connector's serviceUrl, with a trailing slash as Azure sends it.</summary>
    public string ServiceUrl => BaseUrl + "/connector/";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string TokenUrl => BaseUrl + "/tenant/oauth2/v2.0/token";

    /// <summary>The keys published in the JWKS; tests may add one (a rotation).</summary>
    public List<TestSigningKey> PublishedKeys { get; } = [];

    public IReadOnlyList<ConnectorRequest> Received => _received.ToList();

    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => _tokenRequests.ToList();

    public int MetadataRequests { get; private set; }

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotFramework(app);
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            fake.MetadataRequests++;
            return Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = fake.BaseUrl + "/v1/.well-known/keys", id_token_signing_alg_values_supported = new[] { "RS256" } });
        });
        app.MapGet("/v1/.well-known/keys", () => Results.Json(new { keys = fake.PublishedKeys.Select(k => k.Jwk()).ToList() }));
        app.MapPost("/tenant/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            fake._tokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            var number = Interlocked.Increment(ref fake._tokenCount);
            return Results.Json(new { token_type = "Bearer", expires_in = 3599, access_token = $"connector-token-{number}" });
        });
        app.MapPost("/connector/v3/conversations/{conversationId}/activities", (HttpRequest request, string conversationId) =>
            fake.RecordAsync(request, conversationId, null));
        app.MapPost("/connector/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest request, string conversationId, string activityId) =>
            fake.RecordAsync(request, conversationId, activityId));
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>Waits (with a deadline, on each new request) until the connector has received what the test expects.</summary>
    public async Task<IReadOnlyList<ConnectorRequest>> WaitForAsync(Func<IReadOnlyList<ConnectorRequest>, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var changed = _changed.Task;
            var received = Received;
            if (condition(received))
            {
                return received;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The fake connector did not receive what was expected in time; it received: {string.Join(" | ", received.Select(r => $"{r.Activity.Type} {r.Activity.Text}"))}");
            }
        }
    }

    private async Task<IResult> RecordAsync(HttpRequest request, string conversationId, string? activityId)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var activity = ActivityJson.Deserialize(await reader.ReadToEndAsync())!;
        _received.Enqueue(new ConnectorRequest(request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget, conversationId, activityId, request.Headers.Authorization.ToString(), activity));
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Results.Json(new { id = "connector-" + Guid.NewGuid().ToString("N")[..8] });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in PublishedKeys)
        {
            key.Dispose();
        }
    }
}

/// <summary>One POST the bot made to the connector: the path as sent (escaped) and the ids as the connector reads them.</summary>
internal sealed record ConnectorRequest(string Path, string ConversationId, string? ReplyToId, string Authorization, Activity Activity);

/// <summary>An RSA key of the tests' own, published as a Bot Framework JWK with endorsements, that signs tokens.</summary>
internal sealed class TestSigningKey(string keyId, params string[] endorsements) : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string KeyId { get; } = keyId;

    public object Jwk()
    {
        var parameters = _rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", kid = KeyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!), endorsements };
    }

    /// <summary>A compact RS256 JWT with these claims; <paramref name="keyIdInHeader"/> lets a test name another key.</summary>
    public string Sign(IReadOnlyDictionary<string, object> claims, string? keyIdInHeader = null)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = keyIdInHeader ?? KeyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    public void Dispose() => _rsa.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
