using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Browser.Tests.ContactCenterFixture;

namespace Browser.Tests;

/// <summary>
/// Screenshots of the widget and the console at desktop and phone size. `docs/screenshots.sh` runs this with
/// SCREENSHOTS_DIR=docs/screenshots to refresh the pictures in the README; in the test suite they go to a
/// temporary folder, and the test checks that each page renders at its size.
/// </summary>
[Collection("Contact center")]
public sealed class ScreenshotTests(ContactCenterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Widget_and_console_at_desktop_and_phone_size()
    {
        var folder = Folder();
        var bo = await fixture.GuideApiAsync("bo", "bo-secret");
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = true }, Ct);

        foreach (var (name, width, height) in new[] { ("widget-desktop", 1280, 800), ("widget-phone", 390, 844) })
        {
            await using var browser = await fixture.ResidentAsync(width, height);
            var page = browser.Page;
            await AskAsync(page, "Hur skaffar jag ett bibliotekskort?");
            await AskAsync(page, "Jag vill prata med en människa");
            await AskAsync(page, "Det gäller lånekortet till min son");
            await Assertions.Expect(page.Locator("#cb-status")).ToBeVisibleAsync();
            await SaveAsync(page, folder, name, width, height);
        }

        await using var console = await fixture.ConsoleAsync();
        var guide = console.Page;
        var queued = (await bo.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", Ct)).EnumerateArray().Last().GetProperty("id").GetString();
        await guide.SetViewportSizeAsync(1440, 900);
        await guide.Locator($"#queue-body .case-item[data-case-id='{queued}']").ClickAsync();
        await Assertions.Expect(guide.Locator("#transcript .line-resident").First).ToBeVisibleAsync();
        await SaveAsync(guide, folder, "console-desktop", 1440, 900);
        await guide.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(guide.Locator("#case-view-heading")).ToBeVisibleAsync();
        await SaveAsync(guide, folder, "console-phone", 390, 844);
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = false }, Ct);
    }

    /// <summary>The widget with a conversation in Arabic (mirrored) and in Finnish (issue 14).</summary>
    [Fact]
    public async Task Widget_with_an_Arabic_and_with_a_Finnish_conversation()
    {
        var folder = Folder();
        foreach (var (name, code, question, dir) in new[]
        {
            ("widget-arabic", "ar", WidgetLanguage.ArabicQuestion, "rtl"),
            ("widget-finnish", "fi", WidgetLanguage.FinnishQuestion, "ltr"),
        })
        {
            await using var browser = await fixture.ResidentAsync(1280, 800);
            var page = browser.Page;
            await WidgetLanguage.ChooseAsync(page, code);
            await AskAsync(page, question);
            // The bot's reply language is the bot side's; only the widget's side is asserted.
            await Assertions.Expect(page.Locator(".cb-msg-user").Last).ToContainTextAsync(question);
            await Assertions.Expect(page.Locator(".cb-msg-user").Last).ToHaveAttributeAsync("dir", "auto");
            await Assertions.Expect(page.Locator("#cb-panel")).ToHaveAttributeAsync("dir", dir);
            await Assertions.Expect(page.Locator(".cb-msg-user.cb-sending")).ToHaveCountAsync(0);
            await SaveAsync(page, folder, name, 1280, 800);
        }
    }

    private static string Folder()
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } dir ? dir : Directory.CreateTempSubdirectory("screenshots-").FullName;
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task SaveAsync(IPage page, string folder, string name, int width, int height)
    {
        var path = Path.Combine(folder, name + ".png");
        var bytes = await page.ScreenshotAsync(new() { Path = path });
        // A PNG of the viewport's size: the signature and the IHDR width and height.
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
