using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Guides;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Security;

/// <summary>
/// Issue 12 §7: guide sessions live on the server and end on logout, a password change or by an
/// administrator; cookies are Secure on HTTPS (also behind the proxy); tokens in the address only for the
/// console hub; password hashes at OWASP's cost, old ones rehashed at sign-in.
/// </summary>
public sealed class SessionTests(GuidesBot bot) : IClassFixture<GuidesBot>
{
    private const string Password = GuidesBot.Password;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACopiedConsoleCookie_StopsWorkingAtLogout()
    {
        var browser = bot.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await browser.PostAsync("/guide/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "dora", ["password"] = Password }), Cancel);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(GuideAuthentication.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        var before = await WithCookieAsync(browser, HttpMethod.Get, "/api/guide/me", cookie);
        var logout = await WithCookieAsync(browser, HttpMethod.Post, "/guide/logout", cookie);
        var replayed = await WithCookieAsync(browser, HttpMethod.Get, "/api/guide/me", cookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task ABearerToken_CanBeRevoked_ByLogout()
    {
        var app = bot.App;
        var token = await TokenAsync(app.CreateClient(), "cecilia", Password);
        var client = Bearer(app, token);

        var before = await client.GetAsync("/api/guide/me", Cancel);
        var logout = await client.PostAsync("/api/guide/logout", null, Cancel);
        var after = await client.GetAsync("/api/guide/me", Cancel);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task APasswordChange_EndsTheOtherSessions_AndAnAdministratorCanEndAGuidesSessions()
    {
        var app = bot.App;
        var laptop = Bearer(app, await TokenAsync(app.CreateClient(), "bo", Password));
        var phone = Bearer(app, await TokenAsync(app.CreateClient(), "bo", Password));
        var admin = Bearer(app, await TokenAsync(app.CreateClient(), "anna", Password));

        var sessions = await laptop.GetFromJsonAsync<JsonElement>("/api/guide/sessions", Cancel);
        var notAdmin = await laptop.DeleteAsync("/api/guide/accounts/anna/sessions", Cancel);
        var wrongCurrent = await laptop.PostAsJsonAsync("/api/guide/password", new { currentPassword = "fel", newPassword = "Ett-nytt-lösenord-9" }, Cancel);
        var change = await laptop.PostAsJsonAsync("/api/guide/password", new { currentPassword = Password, newPassword = "Ett-nytt-lösenord-9" }, Cancel);
        var phoneAfterChange = await phone.GetAsync("/api/guide/me", Cancel);
        var laptopAfterChange = await laptop.GetAsync("/api/guide/me", Cancel);
        var oldPassword = await app.CreateClient().PostAsJsonAsync("/api/guide/login", new { userName = "bo", password = Password }, Cancel);
        var newPassword = await app.CreateClient().PostAsJsonAsync("/api/guide/login", new { userName = "bo", password = "Ett-nytt-lösenord-9" }, Cancel);
        var ended = await admin.DeleteAsync("/api/guide/accounts/bo/sessions", Cancel);
        var laptopAfterAdmin = await laptop.GetAsync("/api/guide/me", Cancel);

        Assert.Equal(2, sessions.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfterChange.StatusCode);
        Assert.Equal(HttpStatusCode.OK, laptopAfterChange.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(2, (await ended.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("ended").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, laptopAfterAdmin.StatusCode);
    }

    [Fact]
    public async Task ATokenInTheAddress_WorksOnlyForTheConsoleHub()
    {
        var app = bot.App;
        var token = await TokenAsync(app.CreateClient(), "anna", Password);
        var client = app.CreateClient();

        var api = new HttpRequestMessage(HttpMethod.Get, "/api/guide/cases?access_token=" + Uri.EscapeDataString(token));
        api.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var onTheApi = await client.SendAsync(api, Cancel);
        var negotiate = await client.PostAsync("/guide/hub/negotiate?negotiateVersion=1&access_token=" + Uri.EscapeDataString(token), null, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, onTheApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
    }

    [Fact]
    public async Task TheConsoleCookie_IsSecure_WhenTheProxySaysTheResidentUsesHttps()
    {
        var client = bot.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Post, "/guide/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "anna", ["password"] = Password }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        var response = await client.SendAsync(request, Cancel);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(GuideAuthentication.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnOldPasswordHash_IsReplacedAt600000IterationsOnSignIn()
    {
        var app = bot.App;

        var first = await app.CreateClient().PostAsJsonAsync("/api/guide/login", new { userName = "erik", password = Password }, Cancel);
        var second = await app.CreateClient().PostAsJsonAsync("/api/guide/login", new { userName = "erik", password = Password }, Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("pbkdf2-sha256$600000$", GuidePasswordHasher.Hash("nytt lösenord"), StringComparison.Ordinal);
        using var database = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "bot.db")}");
        database.Open();
        using var select = database.CreateCommand();
        select.CommandText = "SELECT password_hash FROM guide_passwords WHERE user_key = 'ERIK'";
        Assert.StartsWith("pbkdf2-sha256$600000$", (string)select.ExecuteScalar()!, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient client, string userName, string password)
    {
        var response = await client.PostAsJsonAsync("/api/guide/login", new { userName, password }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("token").GetString()!;
    }

    private static HttpClient Bearer(BotApplication app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> WithCookieAsync(HttpClient client, HttpMethod method, string path, string cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-Requested-With", "guide-console");
        return client.SendAsync(request, Cancel);
    }
}
