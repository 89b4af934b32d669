using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Guides;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests;

/// <summary>
/// Guide sign-in: the API token, the console cookie, console pages behind the sign-in page, the
/// guide policy, throttling, configured accounts and the refusal to start without accounts.
/// </summary>
public class GuideAuthTests(GuideAuthBot bot) : IClassFixture<GuideAuthBot>
{
    private const string WhoAmI = "/api/guide/test-whoami";
    private readonly BotApplication _app = bot.App;
    private readonly WebApplicationFactory<Program> _guide = bot.Guide;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiLogin_DemoAccount_ReturnsATokenThatExpiresInEightHours()
    {
        var response = await Client(_guide).PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        var expiresAt = DateTimeOffset.Parse(body.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task ApiLogin_WrongPasswordOrUnknownUser_Is401WithAProblem()
    {
        var client = Client(_guide);
        foreach (var credentials in new[] { new { userName = "demo", password = "fel" }, new { userName = "nobody", password = "demo" } })
        {
            var response = await client.PostAsJsonAsync("/api/guide/login", credentials, Cancel);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"userName":"demo"}""")]
    [InlineData("[1,2,3]")]
    public async Task ApiLogin_MalformedBody_Is400(string body)
    {
        var response = await Client(_guide).PostAsync("/api/guide/login", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BearerToken_OnAGuideEndpoint_IdentifiesTheGuide()
    {
        var client = Client(_guide);
        var token = await TokenAsync(client);

        var response = await SendAsync(client, HttpMethod.Get, WhoAmI, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var guide = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("demo", guide.GetProperty("userName").GetString());
        Assert.Equal("Demo Vägledare", guide.GetProperty("displayName").GetString());
        Assert.Equal(GuideAccountStore.DemoGroups, guide.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task GuideEndpoint_WithoutAValidToken_Is401JsonNotARedirect(string? token)
    {
        var response = await SendAsync(Client(_guide), HttpMethod.Get, WhoAmI, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task GuideEndpoint_CookiePostWithoutTheConsoleHeader_Is403()
    {
        var client = Client(_guide);
        await FormLoginAsync(client, "demo", "demo");

        var get = await SendAsync(client, HttpMethod.Get, WhoAmI);
        var postWithoutHeader = await SendAsync(client, HttpMethod.Post, WhoAmI);
        var postWithHeader = await SendAsync(client, HttpMethod.Post, WhoAmI, header: "guide-console");
        var bearerPost = await SendAsync(Client(_guide), HttpMethod.Post, WhoAmI, await TokenAsync(client));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, postWithoutHeader.StatusCode);
        Assert.Contains("X-Requested-With", (await postWithoutHeader.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, postWithHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearerPost.StatusCode);
    }

    [Fact]
    public async Task FormLogin_DemoAccount_SetsAStrictHttpOnlyCookieAndGoesToTheConsole()
    {
        var response = await PostFormAsync(Client(_guide), "/guide/login", new() { ["userName"] = "demo", ["password"] = "demo" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/guide", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("guide=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/guide/", "/guide/login?returnUrl=%2Fguide%2F")]
    [InlineData("/guide", "/guide/login?returnUrl=%2Fguide")]
    [InlineData("/guide/index.html", "/guide/login?returnUrl=%2Fguide%2Findex.html")]
    [InlineData("/guide/lib/anything.js?v=2", "/guide/login?returnUrl=%2Fguide%2Flib%2Fanything.js%3Fv%3D2")]
    [InlineData("/GUIDE/x", "/guide/login?returnUrl=%2FGUIDE%2Fx")]
    public async Task ConsolePage_WithoutACookie_RedirectsToTheLoginPage(string path, string expected)
    {
        var response = await Client(_guide).GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginPageAndItsFiles_AreOpenToEveryone()
    {
        var client = Client(_guide);

        var page = await client.GetAsync("/guide/login", Cancel);
        var script = await client.GetAsync("/guide/login.js", Cancel);
        var styles = await client.GetAsync("/guide/login.css", Cancel);
        var widgetToken = await client.PostAsync("/api/directline/token", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("autocomplete=\"current-password\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        Assert.Equal(HttpStatusCode.OK, widgetToken.StatusCode);
    }

    [Fact]
    public async Task ConsolePage_WithTheCookie_IsNotRedirected()
    {
        var client = Client(_guide);
        await FormLoginAsync(client, "demo", "demo");

        var response = await client.GetAsync("/guide/", Cancel);

        Assert.False(IsRedirectToLogin(response), $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task FormLogin_WrongPassword_GoesBackWithAnError()
    {
        var client = Client(_guide);

        var response = await PostFormAsync(client, "/guide/login", new() { ["userName"] = "demo", ["password"] = "fel", ["returnUrl"] = "/guide/cases" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/guide/login?error=1&returnUrl=%2Fguide%2Fcases", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.True(IsRedirectToLogin(await client.GetAsync("/guide/", Cancel)));
    }

    [Theory]
    [InlineData("https://evil.example", "/guide")]
    [InlineData("//evil.example/guide", "/guide")]
    [InlineData("/\\evil.example", "/guide")]
    [InlineData("/api/guide/cases", "/guide")]
    [InlineData("/guide/../index.html", "/guide")]
    [InlineData("/guide/login", "/guide")]
    [InlineData("/guide/cases?status=queued", "/guide/cases?status=queued")]
    public async Task FormLogin_ReturnUrl_OnlyConsoleAddressesAreFollowed(string returnUrl, string expected)
    {
        var response = await PostFormAsync(Client(_guide), "/guide/login", new() { ["userName"] = "demo", ["password"] = "demo", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task FormLogin_PostedFromAnotherSite_IsRefused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/guide/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "demo", ["password"] = "demo" }),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await Client(_guide).SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task SignIn_AfterTenFailures_IsRefusedEvenWithTheRightPassword()
    {
        // A bot of its own: the demo account stays locked for the shared bot's other tests otherwise.
        await using var app = new BotApplication();
        var client = Client(WithGuideEndpoint(app));
        for (var i = 0; i < GuideSignInThrottle.MaxFailuresPerUserAndAddress; i++)
        {
            var failed = await PostFormAsync(client, "/guide/login", new() { ["userName"] = "demo", ["password"] = "gissning" + i });
            Assert.EndsWith("error=1", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var form = await PostFormAsync(client, "/guide/login", new() { ["userName"] = "DEMO", ["password"] = "demo" });
        var api = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, Cancel);

        Assert.Equal("/guide/login?error=2", form.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.NotNull(api.Headers.RetryAfter);
        Assert.Contains(app.LogLines, line => line.Contains("too many failed attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logout_EndsTheConsoleSession()
    {
        var client = Client(_guide);
        await FormLoginAsync(client, "demo", "demo");

        var response = await PostFormAsync(client, "/guide/logout", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/guide/login?loggedOut=1", response.Headers.Location!.OriginalString);
        Assert.True(IsRedirectToLogin(await client.GetAsync("/guide/", Cancel)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, WhoAmI)).StatusCode);
    }

    [Fact]
    public void DemoAccount_IsAnnouncedWithAWarning()
    {
        _ = _app.Services;

        Assert.Contains(_app.LogLines, line => line.Contains("demo guide account", StringComparison.Ordinal));
    }

    [Fact]
    public void HashPassword_FromAnArgumentOrStandardInput_PrintsAHashTheVerifierAccepts()
    {
        const string password = "Sommar-på-Liseberg-2026";
        var fromArgument = new StringWriter();
        var fromInput = new StringWriter();

        var argumentExit = HashPasswordCommand.Run([password], TextReader.Null, fromArgument, TextWriter.Null, readHidden: null);
        var inputExit = HashPasswordCommand.Run([], new StringReader(password + "\n"), fromInput, TextWriter.Null, readHidden: null);
        var shortExit = HashPasswordCommand.Run(["kort"], TextReader.Null, TextWriter.Null, TextWriter.Null, readHidden: null);

        Assert.Equal(0, argumentExit);
        Assert.Equal(0, inputExit);
        Assert.Equal(1, shortExit);
        foreach (var hash in new[] { fromArgument.ToString().Trim(), fromInput.ToString().Trim() })
        {
            Assert.Matches(@"^pbkdf2-sha256\$\d{6,}\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$", hash);
            Assert.True(GuidePasswordHasher.Verify(password, hash));
            Assert.False(GuidePasswordHasher.Verify(password + "x", hash));
        }
        Assert.NotEqual(fromArgument.ToString(), fromInput.ToString());
    }

    [Fact]
    public void HashPassword_Interactive_AsksTwiceAndRefusesADifferentRepeat()
    {
        var answers = new Queue<string>(["Hemligt-lösen-1", "Hemligt-lösen-2"]);
        var output = new StringWriter();

        var exit = HashPasswordCommand.Run([], TextReader.Null, output, TextWriter.Null, (_, _) => answers.Dequeue());

        Assert.Equal(1, exit);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task ConfiguredAccount_CanSignIn_AndTheDemoAccountIsGone()
    {
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Guides:Accounts:0:UserName"] = "anna",
            ["Guides:Accounts:0:DisplayName"] = "Anna Andersson",
            ["Guides:Accounts:0:PasswordHash"] = GuidePasswordHasher.Hash("rätt-lösenord-123", GuidePasswordHasher.MinIterations),
            ["Guides:Accounts:0:Groups:0"] = "Bygglov",
            ["Guides:Accounts:0:Groups:1"] = "Parkering",
        });
        var guideApp = WithGuideEndpoint(app);
        var client = Client(guideApp);

        var anna = await client.PostAsJsonAsync("/api/guide/login", new { userName = "Anna", password = "rätt-lösenord-123" }, Cancel);
        var demo = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, Cancel);
        var form = await PostFormAsync(client, "/guide/login", new() { ["userName"] = "anna", ["password"] = "rätt-lösenord-123" });
        var me = await (await client.GetAsync(WhoAmI, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.OK, anna.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
        Assert.Equal("/guide", form.Headers.Location!.OriginalString);
        Assert.Equal("anna", me.GetProperty("userName").GetString());
        Assert.Equal("Anna Andersson", me.GetProperty("displayName").GetString());
        Assert.Equal(["Bygglov", "Parkering"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!));
        Assert.DoesNotContain(app.LogLines, line => line.Contains("demo guide account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_AfterARestartWithTheSameDataFolder_IsStillValid()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "bot-guide-keys-" + Guid.NewGuid().ToString("N"));
        string token;
        await using (var before = new BotApplication(dataDirectory))
        {
            token = await TokenAsync(Client(before));
        }

        await using var after = new BotApplication(dataDirectory);
        var response = await SendAsync(Client(WithGuideEndpoint(after)), HttpMethod.Get, WhoAmI, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDirectory, "keys"), "*.xml"));
    }

    [Fact]
    public async Task Production_WithoutAccounts_RefusesToStart()
    {
        await using var production = _app.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("Guides:Accounts is empty", Flatten(error), StringComparison.Ordinal);
        Assert.Contains("hash-password", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidAccountSettings_RefuseToStart()
    {
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Guides:Accounts:0:UserName"] = "anna",
            ["Guides:Accounts:0:PasswordHash"] = "klartext",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Guides:Accounts:0 (anna): PasswordHash is not valid", Flatten(error), StringComparison.Ordinal);
    }

    /// <summary>The bot with one test-only guide endpoint (there are no guide endpoints in the bot for this yet).</summary>
    internal static WebApplicationFactory<Program> WithGuideEndpoint(WebApplicationFactory<Program> app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, WhoAmIEndpoint>()));

    private static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("token").GetString()!;
    }

    private static async Task FormLoginAsync(HttpClient client, string userName, string password)
    {
        var response = await PostFormAsync(client, "/guide/login", new() { ["userName"] = userName, ["password"] = password });
        Assert.Equal("/guide", response.Headers.Location?.OriginalString);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields), Cancel);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? token = null, string? header = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (header is not null)
        {
            request.Headers.Add("X-Requested-With", header);
        }
        return client.SendAsync(request, Cancel);
    }

    private static bool IsRedirectToLogin(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location?.OriginalString.Contains("/guide/login", StringComparison.Ordinal) == true;

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten)) : error + (error.InnerException is null ? "" : "\n" + Flatten(error.InnerException));

    /// <summary>
    /// Puts a guide endpoint on <see cref="WhoAmI"/> ahead of routing, so the bot's own authorization
    /// middleware checks <see cref="GuidePolicies.Guide"/> on it; it answers with the signed-in guide.
    /// </summary>
    private sealed class WhoAmIEndpoint : IStartupFilter
    {
        private static readonly Endpoint Endpoint = new(
            context => context.Response.WriteAsJsonAsync(GuideIdentity.From(context.User)),
            new EndpointMetadataCollection(new AuthorizeAttribute(GuidePolicies.Guide)),
            "Test: who am I");

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path == WhoAmI)
                {
                    context.SetEndpoint(Endpoint);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// One bot, and the same bot with the test-only guide endpoint, shared by the sign-in tests (they run one after
/// another): each test signs in for itself, and the one that locks the demo account out has a bot of its own.
/// </summary>
public sealed class GuideAuthBot : IAsyncDisposable
{
    public GuideAuthBot() => Guide = GuideAuthTests.WithGuideEndpoint(App);

    internal BotApplication App { get; } = new();

    internal WebApplicationFactory<Program> Guide { get; }

    // Disposing the factory disposes the ones derived from it (the guide endpoint's) too.
    public ValueTask DisposeAsync() => App.DisposeAsync();
}
