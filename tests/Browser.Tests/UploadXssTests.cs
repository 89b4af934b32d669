using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>
/// Issue 12 §1 in a real browser: a resident uploads a script and an SVG that loads it as the photo of a fault
/// report; a signed-in guide opens the photo from the console ("Visa bild"). No script of the resident's may
/// run with the guide's session (it would, for example, post a crisis alert to every resident).
/// </summary>
public sealed partial class UploadXssTests(SharedBrowserFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_residents_SVG_photo_runs_no_script_when_a_signed_in_guide_opens_it()
    {
        var http = fixture.Bot.Http;
        var resident = await fixture.Bot.CreateTokenAsync(Cancel);
        await SendAsync(resident, HttpMethod.Post, "/v3/directline/conversations", new { });
        await PostAsync(resident, "Gatlampan utanför Götabergsgatan 20 är trasig.");
        await PostAsync(resident, "Ja");

        // The script, then an SVG "photo" that loads it from the bot's own origin (allowed by script-src 'self').
        const string script = """
            document.documentElement.setAttribute('data-pwned', '1');
            fetch('/api/alerts', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'guide-console' },
              body: JSON.stringify({ text: 'XSS från en bild', topics: [], expiresAt: new Date(Date.now() + 3600000).toISOString() }) });
            """;
        var scriptUpload = await UploadAsync(resident, "payload.js", Encoding.UTF8.GetBytes(script), "text/javascript");
        var scriptPath = scriptUpload.Link is { } link ? new Uri(link).PathAndQuery : "/payload.js";
        var svg = $"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><script href="{WebUtility.HtmlEncode(scriptPath)}" xlink:href="{WebUtility.HtmlEncode(scriptPath)}"/><rect width="10" height="10"/></svg>""";
        var svgUpload = await UploadAsync(resident, "lampa.svg", Encoding.UTF8.GetBytes(svg), "image/svg+xml");
        if (svgUpload.Status != HttpStatusCode.OK)
        {
            // Refused by its content: the resident sends a real photo with markup appended instead (a polyglot).
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, svgUpload.Status);
            var polyglot = AlertAndPhotoWidgetTests.OnePixelPng.Concat(Encoding.UTF8.GetBytes(svg)).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await UploadAsync(resident, "lampa.svg", polyglot, "image/svg+xml")).Status);
        }
        var receipt = await PostAsync(resident, "Hoppa över");
        var reference = Reference().Match(receipt).Value;
        Assert.NotEmpty(reference);

        await using var guideBrowser = await fixture.NewPageAsync();
        var guide = guideBrowser.Page;
        await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, "/guide/").ToString());
        await guide.GetByLabel("Användarnamn").FillAsync("demo");
        await guide.GetByLabel("Lösenord").FillAsync("demo");
        await guide.Keyboard.PressAsync("Enter");
        await guide.GetByRole(AriaRole.Link, new() { Name = "Felanmälningar och krismeddelanden" }).ClickAsync();
        var row = guide.Locator($"tr[data-reference='{reference}']");
        await Assertions.Expect(row).ToContainTextAsync("Götabergsgatan 20", new() { Timeout = 20_000 });

        // The console shows the photo as a thumbnail inside the "Visa bild" link; the guide opens the link in a
        // new tab of the same signed-in browser (the cookie goes along).
        var photoLink = row.GetByRole(AriaRole.Link, new() { Name = "Visa bild" });
        var href = await photoLink.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href));
        var photo = await guide.Context.NewPageAsync();
        await photo.GotoAsync(new Uri(new Uri(guide.Url), href).ToString());
        await photo.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var pwned = await photo.EvaluateAsync<string?>("() => document.documentElement && document.documentElement.getAttribute('data-pwned')");
        var alerts = await http.GetFromJsonAsync<JsonElement>("/api/alerts", Cancel);

        Assert.Null(pwned);
        Assert.DoesNotContain(alerts.EnumerateArray(), a => a.GetProperty("text").GetString()!.Contains("XSS", StringComparison.Ordinal));
        Assert.DoesNotContain("svg", await photo.EvaluateAsync<string>("() => document.contentType"), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string? Link)> UploadAsync(WebsiteToken resident, string fileName, byte[] content, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var activity = new StringContent("""{"type":"message"}""");
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{resident.ConversationId}/upload?userId=x") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", resident.Token);
        using var response = await fixture.Bot.Http.SendAsync(request, Cancel);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }
        var activities = await fixture.Bot.GetActivitiesAsync(resident.ConversationId, resident.Token, Cancel);
        var last = activities.Last(a => a.TryGetProperty("attachments", out var list) && list.GetArrayLength() > 0);
        return (response.StatusCode, last.GetProperty("attachments")[0].GetProperty("contentUrl").GetString());
    }

    /// <summary>Posts a message and returns the bot's replies to it.</summary>
    private async Task<string> PostAsync(WebsiteToken resident, string text)
    {
        var before = (await fixture.Bot.GetActivitiesAsync(resident.ConversationId, resident.Token, Cancel)).Length;
        using var response = await SendAsync(resident, HttpMethod.Post, $"/v3/directline/conversations/{resident.ConversationId}/activities",
            new { type = "message", text, from = new { id = "x" } });
        response.EnsureSuccessStatusCode();
        var after = await fixture.Bot.GetActivitiesAsync(resident.ConversationId, resident.Token, Cancel);
        return string.Join("\n", after.Skip(before)
            .Where(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").TryGetProperty("role", out var role) && role.GetString() == "bot")
            .Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : ""));
    }

    private Task<HttpResponseMessage> SendAsync(WebsiteToken resident, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", resident.Token);
        return fixture.Bot.Http.SendAsync(request, Cancel);
    }

    [GeneratedRegex(@"FR-\d{4}-\d{6}")]
    private static partial Regex Reference();
}
