using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>
/// axe-core over every page of the guide console, signed in, with a handed-off case open and a question in the learning inbox, so that
/// staff who use a screen reader or only the keyboard can do their work.
/// </summary>
public sealed class ConsoleAccessibilityTests(OpenHoursFixture fixture) : IClassFixture<OpenHoursFixture>
{
    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violations_on_the_console_pages()
    {
        await using var residentBrowser = await fixture.NewPageAsync();
        var resident = residentBrowser.Page;
        await resident.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await resident.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(1);
        await resident.Locator("#cb-input").FillAsync("Hur många invånare har månen?");
        await resident.Keyboard.PressAsync("Enter");
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(2);
        await resident.Locator("#cb-input").FillAsync("Jag vill prata med en människa om mitt bygglov");
        await resident.Keyboard.PressAsync("Enter");
        await Assertions.Expect(resident.Locator(".cb-msg-bot").Last).ToContainTextAsync("vägledare");

        // The pages' CSP (script-src 'self') would block the injected axe-core script.
        await using var guideBrowser = await fixture.NewPageAsync(bypassCsp: true);
        var guide = guideBrowser.Page;
        await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, "/guide/").ToString());
        await guide.GetByLabel("Användarnamn").FillAsync("demo");
        await guide.GetByLabel("Lösenord").FillAsync("demo");
        await guide.Keyboard.PressAsync("Enter");
        await Assertions.Expect(guide.Locator("#connection-status")).ToHaveTextAsync("Ansluten");
        await guide.Locator(".case-item").First.ClickAsync();
        await Assertions.Expect(guide.Locator("#case-view")).ToContainTextAsync("bygglov");
        var problems = new List<string>();
        problems.AddRange(await Axe.SeriousViolationsAsync(guide, "/guide/ (case open)"));

        foreach (var (path, ready) in new[] { ("/guide/stats.html", ".figures"), ("/guide/learning.html", "#inbox"), ("/guide/felanmalan.html", "#alert-list"), ("/guide/supervisor.html", "#overview > table:first-child") })
        {
            await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, path).ToString());
            await Assertions.Expect(guide.Locator(ready)).ToBeVisibleAsync();
            problems.AddRange(await Axe.SeriousViolationsAsync(guide, path));
        }
        Assert.True(problems.Count == 0, "axe-core violations:\n" + string.Join("\n", problems));
    }
}
