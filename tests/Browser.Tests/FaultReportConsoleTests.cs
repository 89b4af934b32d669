using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>
/// A resident reports a fault in the widget; a guide finds it on the console's fault-report page,
/// changes its status and posts a crisis alert; the resident then sees the new status.
/// </summary>
public sealed partial class FaultReportConsoleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Payload = "<img src=x onerror=\"window.__xss=1\">";

    [Fact]
    public async Task Guide_sees_the_report_as_text_changes_its_status_and_posts_an_alert()
    {
        await using var residentBrowser = await fixture.NewPageAsync();
        var resident = residentBrowser.Page;
        await resident.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await resident.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        foreach (var text in new[] { "Gatlampan utanför Götabergsgatan 20 är trasig. " + Payload, "Ja", "Hoppa över", "Hoppa över" })
        {
            var before = await resident.Locator(".cb-msg-bot").CountAsync();
            await resident.Locator("#cb-input").FillAsync(text);
            await resident.Locator("#cb-input").PressAsync("Enter");
            await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(before + 1, new() { Timeout = 20_000 });
        }
        var confirmation = await resident.Locator(".cb-msg-bot").Last.InnerTextAsync();
        var reference = Reference().Match(confirmation).Value;
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
        await Assertions.Expect(row).ToContainTextAsync("<img src=x onerror=");
        Assert.Equal(0, await guide.Locator("#report-rows img").CountAsync());
        Assert.Null(await guide.EvaluateAsync<int?>("() => window.__xss"));

        await row.GetByLabel($"Status för {reference}").SelectOptionAsync("in_progress");
        await row.GetByLabel($"Kommentar till invånaren för {reference}").FillAsync("Elektriker bokad.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(guide.Locator("#announcer")).ToHaveTextAsync($"{reference}: status sparad.");

        await guide.Locator("#alert-text").FillAsync("Storm i hela Göteborg.");
        await guide.GetByLabel("snöröjning").CheckAsync();
        await guide.Locator("#alert-expires").FillAsync(DateTime.Now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await guide.GetByRole(AriaRole.Button, new() { Name = "Publicera krismeddelande" }).ClickAsync();
        await Assertions.Expect(guide.Locator("#alert-list")).ToContainTextAsync("Storm i hela Göteborg.");
        await Assertions.Expect(guide.Locator("#alert-list")).ToContainTextAsync("snöröjning");

        var count = await resident.Locator(".cb-msg-bot").CountAsync();
        await resident.Locator("#cb-input").FillAsync($"Hur går det med min felanmälan {reference}?");
        await resident.Locator("#cb-input").PressAsync("Enter");
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(count + 1, new() { Timeout = 20_000 });
        await Assertions.Expect(resident.Locator(".cb-msg-bot").Last).ToContainTextAsync("under åtgärd");
        await Assertions.Expect(resident.Locator(".cb-msg-bot").Last).ToContainTextAsync("Elektriker bokad.");
    }

    [GeneratedRegex(@"FR-\d{4}-\d{6}")]
    private static partial Regex Reference();
}
