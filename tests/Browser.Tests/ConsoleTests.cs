using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>A bot whose clock stands on a Tuesday morning, when the contact center is open.</summary>
public sealed class OpenHoursFixture : BrowserFixture
{
    protected override IEnumerable<string>? BotArguments => ["--Bot:Now=2026-11-24T10:00:00+01:00"];
}

/// <summary>
/// The resident in the widget and a service guide in the console, in two browser pages, exchanging
/// messages both ways; the resident's markup is shown to the guide as text.
/// </summary>
public sealed class ConsoleTests(OpenHoursFixture fixture) : IClassFixture<OpenHoursFixture>
{
    private const string Payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    [Fact]
    public async Task Resident_and_guide_chat_both_ways_and_resident_markup_is_text_in_the_console()
    {
        await using var guideBrowser = await fixture.NewPageAsync();
        var guide = guideBrowser.Page;
        await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, "/guide/").ToString());
        await Assertions.Expect(guide).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/guide/login"));
        await guide.GetByLabel("Användarnamn").FillAsync("demo");
        await guide.GetByLabel("Lösenord").FillAsync("demo");
        await guide.Keyboard.PressAsync("Enter");
        await Assertions.Expect(guide.Locator("#queue")).ToBeVisibleAsync();
        // The console restores the guide's ready choice once its live connection is up.
        await Assertions.Expect(guide.Locator("#connection-status")).ToHaveTextAsync("Ansluten");
        var ready = guide.Locator("#ready-toggle");
        if (await ready.GetAttributeAsync("aria-pressed") != "true")
        {
            await ready.ClickAsync();
        }
        await Assertions.Expect(ready).ToHaveAttributeAsync("aria-pressed", "true");

        await using var residentBrowser = await fixture.NewPageAsync();
        var resident = residentBrowser.Page;
        await resident.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await resident.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(1);
        await resident.Locator("#cb-input").FillAsync("Jag vill prata med en människa om Götabergsgatan 20 " + Payload);
        await resident.Keyboard.PressAsync("Enter");
        await Assertions.Expect(resident.Locator(".cb-msg-bot").Last).ToContainTextAsync("vägledare");

        var item = guide.Locator(".case-item").First;
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await Assertions.Expect(guide.Locator("#case-view")).ToContainTextAsync("Götabergsgatan 20");
        await guide.Locator("#claim").ClickAsync();
        await Assertions.Expect(guide.Locator("#transcript .line-resident").First).ToContainTextAsync("<img src=x onerror=");
        await guide.Locator("#reply").FillAsync("Hej! Vad har hänt på Götabergsgatan?");
        await guide.Locator("#send").ClickAsync();

        await Assertions.Expect(resident.Locator(".cb-msg-bot").Last).ToContainTextAsync("Vad har hänt på Götabergsgatan?");
        await resident.Locator("#cb-input").FillAsync("Gatlampan utanför porten är trasig.");
        await Assertions.Expect(guide.GetByText("Invånaren skriver…")).ToBeVisibleAsync();
        await resident.Keyboard.PressAsync("Enter");
        await Assertions.Expect(guide.Locator("#transcript .line-resident").Last).ToContainTextAsync("Gatlampan utanför porten är trasig.");

        Assert.Null(await guide.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Null(await resident.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await Assertions.Expect(guide.Locator("#transcript img, #case-view script")).ToHaveCountAsync(0);
    }
}
