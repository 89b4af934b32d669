using Microsoft.Playwright;
using static Browser.Tests.WidgetLanguage;

namespace Browser.Tests;

/// <summary>
/// The widget in seven languages (issue 14): the language chooser in the header (#cb-lang, a menu button),
/// the chrome in the chosen language, Arabic and Persian mirrored, the bot told with a setLanguage event,
/// and every bubble reading in the direction of its own text.
/// </summary>
public sealed class LanguageChooserTests(SharedBrowserFixture fixture)
{
    private static readonly string[] Names = ["Svenska", "Lättläst svenska", "English", "Suomi", "العربية", "فارسی", "Soomaali"];

    [Fact]
    public async Task The_chooser_lists_the_seven_languages_works_with_the_keyboard_and_Finnish_renders_the_chrome_in_Finnish()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await OpenPanelAsync(page);
        var button = page.Locator("#cb-lang");
        var menu = page.Locator("#cb-lang-menu");
        var items = menu.Locator("[role='menuitemradio']");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-haspopup", "menu");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(button).ToHaveAccessibleNameAsync("Välj språk: Svenska");
        await Assertions.Expect(menu).ToBeHiddenAsync();

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("role", "menu");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(items).ToHaveTextAsync(Names);
        // Each name in its own language, so that a screen reader says it right.
        Assert.Equal(["sv", "sv", "en", "fi", "ar", "fa", "so"], await items.EvaluateAllAsync<string[]>("items => items.map(i => i.lang)"));
        // The current language is the one checked, and it has the focus.
        await Assertions.Expect(menu.Locator("[aria-checked='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(items.Nth(0)).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(items.Nth(0)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(items.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(items.Nth(6)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(items.Nth(0)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(items.Nth(6)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(items.Nth(0)).ToBeFocusedAsync();

        // Escape closes the menu only: the focus is back on the button and the chat stays open.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(button).ToBeFocusedAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.Locator("#cb-panel")).ToBeVisibleAsync();

        // Tab leaves an open menu, closing it.
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(items.Nth(6)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".cb-close")).ToBeFocusedAsync();

        // A click elsewhere closes it too.
        await button.ClickAsync();
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await page.Locator("#cb-title").ClickAsync();
        await Assertions.Expect(menu).ToBeHiddenAsync();

        // The first letter finds a language (after Svenska, "s" is Suomi); Enter chooses it.
        await button.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(items.Nth(0)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(items.Nth(3)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(button).ToBeFocusedAsync();
        await AssertFinnishChromeAsync(page);

        // The choice is kept for the tab.
        await page.ReloadAsync();
        if (await page.Locator("#cb-panel").IsHiddenAsync())
        {
            await page.Locator("#cb-launcher").ClickAsync();
        }
        await AssertFinnishChromeAsync(page);
    }

    [Fact]
    public async Task Choosing_Arabic_mirrors_the_panel_renders_the_chrome_in_Arabic_and_tells_the_bot()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await OpenPanelAsync(page);
        await Assertions.Expect(page.Locator(".cb-actions button").First).ToBeVisibleAsync();
        var setLanguage = WaitForPostAsync(page, IsSetLanguage);
        await ChooseAsync(page, "ar");

        var panel = page.Locator("#cb-panel");
        await Assertions.Expect(panel).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(panel).ToHaveAttributeAsync("lang", "ar");
        await Assertions.Expect(page.Locator(".cb-root")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("#cb-title")).ToHaveTextAsync("الدردشة مع مدينة يوتيبوري");
        await Assertions.Expect(page.Locator(".cb-send")).ToHaveTextAsync("إرسال");
        await Assertions.Expect(page.Locator("#cb-input")).ToHaveAccessibleNameAsync("اكتب رسالتك");
        await Assertions.Expect(page.Locator("#cb-attach")).ToHaveAccessibleNameAsync("إرفاق صورة");
        await Assertions.Expect(page.Locator(".cb-close")).ToHaveAccessibleNameAsync("إغلاق الدردشة");
        await Assertions.Expect(page.Locator("#cb-lang")).ToHaveAccessibleNameAsync("اختر اللغة: العربية");
        await Assertions.Expect(page.Locator("#cb-log")).ToHaveAccessibleNameAsync("الرسائل");

        // Mirrored: the send and attachment buttons left of the input, the close button and the chooser left of the title.
        var input = await BoxAsync(page.Locator("#cb-input"));
        var send = await BoxAsync(page.Locator(".cb-send"));
        var attach = await BoxAsync(page.Locator("#cb-attach"));
        Assert.True(send.X + send.Width <= attach.X + 1 && attach.X + attach.Width <= input.X + 1, $"send {send.X}, attach {attach.X}, input {input.X}");
        var title = await BoxAsync(page.Locator("#cb-title"));
        var chooser = await BoxAsync(page.Locator("#cb-lang"));
        var close = await BoxAsync(page.Locator(".cb-close"));
        Assert.True(close.X + close.Width <= chooser.X + 1 && chooser.X + chooser.Width <= title.X + 1, $"close {close.X}, chooser {chooser.X}, title {title.X}");
        // The bot's greeting and its suggestion buttons start on the right.
        var log = await BoxAsync(page.Locator("#cb-log"));
        var greeting = await BoxAsync(page.Locator(".cb-msg-bot").First);
        var suggestion = await BoxAsync(page.Locator(".cb-actions button").First);
        Assert.True(greeting.X + greeting.Width > log.X + log.Width - 40, "the bot's bubble is on the right");
        Assert.True(suggestion.X + suggestion.Width > log.X + log.Width - 40, "the first suggestion is on the right");

        // The bot is told: {type:'event', name:'setLanguage', value:'ar', locale:'ar'}, and it is in the conversation.
        var (posted, conversationId, token) = await PostedAsync(setLanguage);
        Assert.Equal("ar", posted.GetProperty("value").GetString());
        Assert.Equal("ar", posted.GetProperty("locale").GetString());
        var stored = await fixture.Bot.GetActivitiesAsync(conversationId, token, TestContext.Current.CancellationToken);
        Assert.Contains(stored, a => IsSetLanguage(a) && a.GetProperty("value").GetString() == "ar");

        // A message carries the Arabic locale; the resident's bubble is on the left.
        var message = WaitForPostAsync(page, IsMessage);
        await page.Locator("#cb-input").FillAsync(ArabicQuestion);
        await page.Locator("#cb-input").PressAsync("Enter");
        Assert.Equal("ar", (await PostedAsync(message)).Activity.GetProperty("locale").GetString());
        var mine = page.Locator(".cb-msg-user").Last;
        await Assertions.Expect(mine).ToContainTextAsync(ArabicQuestion);
        var bubble = await BoxAsync(mine);
        Assert.True(bubble.X < log.X + 40, "the resident's bubble is on the left");
    }

    [Fact]
    public async Task Arabic_text_reads_right_to_left_in_its_bubble_and_the_Swedish_chrome_stays()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await OpenPanelAsync(page);
        await page.Locator("#cb-input").FillAsync(ArabicQuestion);
        await page.Locator("#cb-input").PressAsync("Enter");
        var mine = page.Locator(".cb-msg-user").Last;
        await Assertions.Expect(mine).ToContainTextAsync(ArabicQuestion);
        // The bot answers (in whatever language it serves); the chrome does not switch by itself.
        await Assertions.Expect(page.Locator("#cb-log .cb-msg").Last).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cb-msg-bot"));

        await Assertions.Expect(mine).ToHaveAttributeAsync("dir", "auto");
        Assert.Equal("rtl", await DirectionAsync(mine));
        Assert.Equal("rtl", await DirectionAsync(mine.Locator(".cb-body p")));
        Assert.Equal("ltr", await DirectionAsync(page.Locator(".cb-msg-bot").First));
        await Assertions.Expect(page.Locator("#cb-log .cb-msg:not([dir='auto'])")).ToHaveCountAsync(0);
        // Right to left inside, but still on the resident's side (the right) of a Swedish chat.
        var log = await BoxAsync(page.Locator("#cb-log"));
        var bubble = await BoxAsync(mine);
        Assert.True(bubble.X + bubble.Width > log.X + log.Width - 40, "the resident's bubble stays on the right");

        var panel = page.Locator("#cb-panel");
        await Assertions.Expect(panel).ToHaveAttributeAsync("dir", "ltr");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-language", "sv");
        await Assertions.Expect(page.Locator(".cb-send")).ToHaveTextAsync("Skicka");
        // A bot bubble's lang, where it has one, is a primary language subtag (from the reply's locale).
        foreach (var lang in await page.Locator(".cb-msg-bot[lang]").EvaluateAllAsync<string[]>("bubbles => bubbles.map(b => b.lang)"))
        {
            Assert.Matches("^[a-z]{2,3}$", lang);
        }
    }

    [Theory]
    [InlineData("ar", ArabicQuestion)]
    [InlineData("fi", FinnishQuestion)]
    public async Task Axe_finds_no_violations_in_the_widget_in_Arabic_and_in_Finnish(string code, string question)
    {
        // The page's CSP (script-src 'self') would block the injected axe-core script.
        await using var browser = await fixture.NewPageAsync(bypassCsp: true);
        var page = browser.Page;
        await OpenPanelAsync(page);
        await ChooseAsync(page, code);
        await page.Locator("#cb-input").FillAsync(question);
        await page.Locator("#cb-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".cb-msg-user")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#cb-log .cb-msg").Last).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cb-msg-bot"));
        await Assertions.Expect(page.Locator(".cb-msg-user.cb-sending")).ToHaveCountAsync(0);

        var problems = (await Axe.ViolationsAsync(page, $"widget ({code})")).Select(v => v.Text).ToList();
        await page.Locator("#cb-lang").ClickAsync();
        await Assertions.Expect(page.Locator("#cb-lang-menu")).ToBeVisibleAsync();
        problems.AddRange((await Axe.ViolationsAsync(page, $"widget ({code}, language menu open)")).Select(v => v.Text));
        Assert.True(problems.Count == 0, "axe-core violations:\n" + string.Join("\n", problems));
    }

    private static async Task AssertFinnishChromeAsync(IPage page)
    {
        var panel = page.Locator("#cb-panel");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-language", "fi");
        await Assertions.Expect(panel).ToHaveAttributeAsync("lang", "fi-FI");
        await Assertions.Expect(panel).ToHaveAttributeAsync("dir", "ltr");
        await Assertions.Expect(page.Locator("#cb-title")).ToHaveTextAsync("Chattaa Göteborgin kaupungin kanssa");
        await Assertions.Expect(page.Locator(".cb-send")).ToHaveTextAsync("Lähetä");
        await Assertions.Expect(page.Locator("#cb-input")).ToHaveAccessibleNameAsync("Kirjoita viestisi");
        await Assertions.Expect(page.Locator(".cb-close")).ToHaveAccessibleNameAsync("Sulje chat");
        await Assertions.Expect(page.Locator("#cb-lang")).ToHaveAccessibleNameAsync("Valitse kieli: Suomi");
        await Assertions.Expect(page.Locator("#cb-launcher")).ToContainTextAsync("Chattaa kanssamme");
        await Assertions.Expect(page.Locator("#cb-lang-menu [data-lang='fi']")).ToHaveAttributeAsync("aria-checked", "true");
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not visible.");

    private async Task OpenPanelAsync(IPage page)
    {
        await page.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await page.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(page.Locator("#cb-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }
}
