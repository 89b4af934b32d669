using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;

namespace Bot.Tests;

/// <summary>Fault reports over real HTTP: the resident on Direct Line, guides and the case system on the guide API.</summary>
public class FaultReportApiTests
{
    private static readonly Dictionary<string, string?> Tuesday = new() { ["Bot:Now"] = "2026-11-24T10:00:00+01:00" };

    [Fact]
    public async Task ReportWithPhoto_IsStoredListedUpdatedExportedAndAnswered_AndSurvivesARestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "bot-faultreports-" + Guid.NewGuid().ToString("N"));
        string reference, code;
        await using (var app = new BotApplication(data, Tuesday))
        {
            var resident = await app.StartChatAsync();
            await resident.PostMessageAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
            await resident.PostMessageAsync("Ja");
            await UploadPhotoAsync(resident);
            await resident.PostMessageAsync("070-123 45 67");
            var (activities, _) = await resident.GetActivitiesAsync();
            var traces = activities.Where(a => a.Type == ActivityTypes.Trace).Select(a => a.Value!.Value.GetProperty("outcome").GetString()).ToList();
            Assert.Equal(["form", "form", "form", "form"], traces);
            var confirmation = activities.Last(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.Bot);
            Assert.Contains("FR-2026-000001", confirmation.Text, StringComparison.Ordinal);
            reference = "FR-2026-000001";
            code = System.Text.RegularExpressions.Regex.Match(confirmation.Text!, @"Kod: \*\*(?<code>[A-Z0-9]{6})\*\*").Groups["code"].Value;
            Assert.NotEmpty(code);

            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/guide/faultreports", TestContext.Current.CancellationToken)).StatusCode);
            var guide = await GuideAsync(app);
            var list = await guide.GetFromJsonAsync<JsonElement>("/api/guide/faultreports", TestContext.Current.CancellationToken);
            var report = Assert.Single(list.EnumerateArray());
            Assert.Equal(reference, report.GetProperty("reference").GetString());
            Assert.Equal("streetlight", report.GetProperty("category").GetString());
            Assert.Equal("Götabergsgatan 20", report.GetProperty("location").GetString());
            Assert.Equal("070-123 45 67", report.GetProperty("contact").GetString());
            Assert.Equal("received", report.GetProperty("status").GetString());
            Assert.Equal(resident.ConversationId, report.GetProperty("conversationId").GetString());
            var photoUrl = report.GetProperty("photoUrl").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await guide.GetAsync(photoUrl, TestContext.Current.CancellationToken)).StatusCode);

            var bad = await guide.PostAsJsonAsync($"/api/guide/faultreports/{reference}/status", new { status = "fixed" }, TestContext.Current.CancellationToken);
            var missing = await guide.PostAsJsonAsync("/api/guide/faultreports/FR-2026-000999/status", new { status = "done" }, TestContext.Current.CancellationToken);
            var update = await guide.PostAsJsonAsync($"/api/guide/faultreports/{reference}/status", new { status = "in_progress", comment = "Elektriker bokad." }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            var updated = await update.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal("in_progress", updated.GetProperty("status").GetString());
            Assert.Equal(["received", "in_progress"], updated.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
            Assert.Equal("demo", updated.GetProperty("history")[1].GetProperty("by").GetString());
            var (chat, _) = await resident.GetActivitiesAsync();
            Assert.Equal("Nytt om din felanmälan FR-2026-000001: den är nu under åtgärd. Kommentar: Elektriker bokad.",
                chat.Last(a => a.Type == ActivityTypes.Message).Text);
        }

        await using (var restarted = new BotApplication(data, Tuesday))
        {
            var guide = await GuideAsync(restarted);
            var export = await guide.GetFromJsonAsync<JsonElement>("/api/guide/faultreports/export?status=open", TestContext.Current.CancellationToken);
            var request = Assert.Single(export.EnumerateArray());
            Assert.Equal(reference, request.GetProperty("service_request_id").GetString());
            Assert.Equal("open", request.GetProperty("status").GetString());
            Assert.Equal("in_progress", request.GetProperty("detailed_status").GetString());
            Assert.Equal("streetlight", request.GetProperty("service_code").GetString());
            Assert.Equal("Gatubelysning", request.GetProperty("service_name").GetString());
            Assert.Equal("Götabergsgatan 20", request.GetProperty("address").GetString());
            Assert.Equal("2026-11-24T09:00:00Z", request.GetProperty("requested_datetime").GetString());
            Assert.StartsWith("http", request.GetProperty("media_url").GetString(), StringComparison.Ordinal);
            Assert.Equal("070-123 45 67", request.GetProperty("phone").GetString());
            Assert.Empty((await guide.GetFromJsonAsync<JsonElement>("/api/guide/faultreports/export?status=closed", TestContext.Current.CancellationToken)).EnumerateArray());

            var resident = await restarted.StartChatAsync();
            // Another chat: the receipt's code shows it is the resident's own report.
            await resident.PostMessageAsync($"Hur går det med min felanmälan {reference} kod {code}?");
            await resident.PostMessageAsync("Det finns ett stort potthål på Eklandagatan vid nummer 40.");
            await resident.PostMessageAsync("ja");
            await resident.PostMessageAsync("hoppa över");
            await resident.PostMessageAsync("hoppa över");
            var (activities, _) = await resident.GetActivitiesAsync();
            var texts = activities.Where(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.Bot).Select(a => a.Text).ToList();
            Assert.Contains(texts, t => t!.Contains("under åtgärd", StringComparison.Ordinal) && t.Contains("Elektriker bokad.", StringComparison.Ordinal));
            Assert.Contains(texts, t => t!.Contains("FR-2026-000002", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StatusChange_WithoutTheConsoleHeader_IsRefusedForCookieSessions_AndBadBodiesGetJsonErrors()
    {
        await using var app = new BotApplication(settings: Tuesday);
        var guide = await GuideAsync(app);

        var notJson = await guide.PostAsync("/api/guide/faultreports/FR-2026-000001/status", new StringContent("{", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var badFilter = await guide.GetAsync("/api/guide/faultreports?status=lost", TestContext.Current.CancellationToken);
        var badDate = await guide.GetAsync("/api/guide/faultreports/export?start_date=igår", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    private static async Task UploadPhotoAsync(ResidentChat chat)
    {
        using var form = new MultipartFormDataContent();
        var activity = new StringContent("""{"type":"message","channelData":{"clientActivityID":"photo-1"}}""");
        activity.Headers.ContentType = new("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        var file = new ByteArrayContent(TestFiles.Png);
        file.Headers.ContentType = new("image/png");
        form.Add(file, "file", "lampa.png");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{chat.ConversationId}/upload?userId=x") { Content = form };
        request.Headers.Authorization = new("Bearer", chat.Token);
        var response = await chat.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task<HttpClient> GuideAsync(BotApplication app)
    {
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>The guide page for fault reports and alerts is part of the signed-in console.</summary>
public class FaultReportConsolePageTests
{
    [Fact]
    public async Task ConsolePage_RedirectsToSignIn_WhenSignedOut()
    {
        await using var app = new BotApplication();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetAsync("/guide/felanmalan.html", TestContext.Current.CancellationToken);
        var script = await client.GetAsync("/guide/felanmalan.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/guide/login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, script.StatusCode);
    }
}
