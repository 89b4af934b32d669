using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>The console's statistics and learning pages, after a resident's question the bot could not answer.</summary>
public sealed class ReportsTests(OpenHoursFixture fixture) : IClassFixture<OpenHoursFixture>
{
    [Fact]
    public async Task The_learning_inbox_shows_the_unanswered_question_masked_and_the_statistics_count_it()
    {
        await using var residentBrowser = await fixture.NewPageAsync();
        var resident = residentBrowser.Page;
        await resident.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await resident.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await resident.Locator("#cb-input").FillAsync("Hur många invånare har månen? Svara till anna.svensson@example.com");
        await resident.Keyboard.PressAsync("Enter");
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(2, new() { Timeout = 20_000 });

        await using var guideBrowser = await fixture.NewPageAsync();
        var guide = guideBrowser.Page;
        await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, "/guide/learning.html").ToString());
        await guide.GetByLabel("Användarnamn").FillAsync("demo");
        await guide.GetByLabel("Lösenord").FillAsync("demo");
        await guide.Keyboard.PressAsync("Enter");
        await Assertions.Expect(guide).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/guide/learning.html"));

        var example = guide.Locator(".inbox-example").First;
        await Assertions.Expect(example).ToHaveTextAsync("Hur många invånare har månen? Svara till [e-post]");
        await Assertions.Expect(guide.Locator("#inbox")).Not.ToContainTextAsync("anna.svensson");
        await guide.GetByText("Lägg till som fråga till ett svar").First.ClickAsync();
        await Assertions.Expect(guide.GetByLabel("Formulering att lägga till").First).ToHaveValueAsync("Hur många invånare har månen? Svara till [e-post]");

        await guide.GetByRole(AriaRole.Link, new() { Name = "Statistik" }).ClickAsync();
        await Assertions.Expect(guide.Locator(".figures")).ToContainTextAsync("Samtal");
        var questions = guide.Locator(".figures div").Filter(new() { HasText = "Frågor" }).Locator("dd");
        await Assertions.Expect(questions).ToHaveTextAsync("1");
        await Assertions.Expect(guide.Locator("#csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("format=csv"));
        Assert.Empty(guideBrowser.ConsoleProblems);
    }
}
