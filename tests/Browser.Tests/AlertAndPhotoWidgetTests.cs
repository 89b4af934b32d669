using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>The widget's crisis-alert banner (from GET /api/alerts) and photo upload in a fault report.</summary>
public sealed class AlertAndPhotoWidgetTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A real 1×1 PNG: uploads are typed by their content.</summary>
    internal static readonly byte[] OnePixelPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Alert_banner_shows_the_text_as_text_and_a_photo_is_uploaded_into_the_fault_report()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var http = fixture.Bot.Http;
        var login = await http.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, cancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/alerts")
        {
            Content = JsonContent.Create(new { text = "<b>Stormen</b>: många träd har fallit.", topics = new[] { "träd och tomt" }, expiresAt = DateTimeOffset.UtcNow.AddHours(1) }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await http.SendAsync(post, cancellationToken)).StatusCode);

        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await page.Locator("#cb-launcher").ClickAsync();

        var banner = page.Locator(".cb-alert");
        await Assertions.Expect(banner).ToHaveTextAsync("<b>Stormen</b>: många träd har fallit.", new() { Timeout = 20_000 });
        await Assertions.Expect(banner).ToHaveAttributeAsync("role", "status");
        Assert.Equal(0, await page.Locator(".cb-alert b").CountAsync());

        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.Locator("#cb-input").FillAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        await page.Locator("#cb-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".cb-actions button", new() { HasTextString = "Ja" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Locator(".cb-actions button", new() { HasTextString = "Ja" }).ClickAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot").Last).ToContainTextAsync("bild", new() { Timeout = 20_000 });

        await Assertions.Expect(page.Locator("#cb-attach")).ToHaveAttributeAsync("aria-label", "Bifoga en bild");
        await page.Locator("#cb-file").SetInputFilesAsync(new FilePayload { Name = "lampa.png", MimeType = "image/png", Buffer = OnePixelPng });

        await Assertions.Expect(page.Locator(".cb-msg-bot").Last).ToContainTextAsync("Tack för bilden", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".cb-msg-user").Last).ToContainTextAsync("lampa.png");
        await Assertions.Expect(page.Locator(".cb-msg-user").Last.Locator("img.cb-img")).ToHaveAttributeAsync("alt", "lampa.png");
        await Assertions.Expect(page.Locator(".cb-msg-user.cb-sending, .cb-msg-user.cb-failed")).ToHaveCountAsync(0);
    }
}
