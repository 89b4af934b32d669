using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>
/// Our own chat widget (bot/wwwroot/widget/widget.js) on the demo page the bot serves at GET /,
/// driven through its stable hooks: #cb-launcher, #cb-panel, #cb-log, .cb-msg-bot, .cb-msg-user,
/// #cb-input, #cb-form, #cb-typing, .cb-actions button, .cb-alert, #cb-lang.
/// </summary>
public sealed partial class WidgetTests(SharedBrowserFixture fixture)
{
    private const string ImgPayload = "<img src=x onerror=\"window.__xss=1\">";
    private const string ScriptPayload = "<script>window.__xss=2</script>";

    [Fact]
    public async Task Keyboard_only_open_ask_get_an_answer_and_close_with_focus_back_on_the_launcher()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(fixture.Bot.BaseUrl.ToString());
        var launcher = page.Locator("#cb-launcher");
        await Assertions.Expect(launcher).ToBeVisibleAsync();

        var tabs = 0;
        while (!await page.EvaluateAsync<bool>("() => document.activeElement && document.activeElement.id === 'cb-launcher'"))
        {
            Assert.True(++tabs <= 60, "Tab never reached #cb-launcher");
            await page.Keyboard.PressAsync("Tab");
        }
        await page.Keyboard.PressAsync("Enter");

        var panel = page.Locator("#cb-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Locator("#cb-input")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        await page.Keyboard.TypeAsync("Hur skaffar jag bibliotekskort?");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".cb-msg-user")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".cb-msg-user").First).ToContainTextAsync("Hur skaffar jag bibliotekskort?");
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator(".cb-msg-bot").Nth(1).InnerTextAsync()));
        await Assertions.Expect(page.Locator("#cb-input")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator(".cb-msg-user.cb-sending, .cb-msg-user.cb-failed")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(panel).ToBeHiddenAsync();
        await Assertions.Expect(launcher).ToBeFocusedAsync();
        await Assertions.Expect(launcher).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task Suggested_action_buttons_post_their_value_and_the_bot_replies()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        var traffic = RecordDirectLine(page);
        await OpenPanelAsync(page);

        var actions = page.Locator(".cb-actions button");
        var library = actions.Filter(new() { HasTextString = "Bibliotek" }).First;
        await Assertions.Expect(library).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(actions.Filter(new() { HasTextString = "Snöröjning" })).ToHaveCountAsync(1);
        await library.ClickAsync();

        await Assertions.Expect(page.Locator(".cb-msg-user")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".cb-msg-user").First).ToContainTextAsync("Bibliotek");
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(actions.Filter(new() { HasTextString = "Snöröjning" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#cb-input")).ToBeFocusedAsync();

        var conversation = await LastPostAsync(traffic);
        var stored = await fixture.Bot.GetActivitiesAsync(conversation.ConversationId, conversation.Token, TestContext.Current.CancellationToken);
        var posted = Assert.Single(stored, a => a.GetProperty("from").GetProperty("role").GetString() == "user");
        Assert.Equal("Bibliotek", posted.GetProperty("text").GetString());
        Assert.Contains(stored, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == posted.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reload_keeps_the_transcript_and_the_conversation()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        var traffic = RecordDirectLine(page);
        await OpenPanelAsync(page);
        await AskAsync(page, "Hur skaffar jag bibliotekskort?", expectedBotMessages: 2);
        var before = await TranscriptAsync(page);
        var conversation = await LastPostAsync(traffic);

        await page.ReloadAsync();
        if (await page.Locator("#cb-panel").IsHiddenAsync())
        {
            await page.Locator("#cb-launcher").ClickAsync();
        }
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".cb-msg-user")).ToHaveCountAsync(1);
        Assert.Equal(before, await TranscriptAsync(page));

        // The restored conversation still works, and it is the same conversation.
        await AskAsync(page, "När töms soptunnan?", expectedBotMessages: 3);
        Assert.Equal(conversation.ConversationId, (await LastPostAsync(traffic)).ConversationId);
        var stored = await fixture.Bot.GetActivitiesAsync(conversation.ConversationId, conversation.Token, TestContext.Current.CancellationToken);
        Assert.Equal(2, stored.Count(a => a.GetProperty("from").GetProperty("role").GetString() == "user"));
    }

    [Fact]
    public async Task Markup_from_the_resident_is_shown_as_literal_text_and_never_runs()
    {
        // The page's Content-Security-Policy would block inline handlers anyway: bypass it, so this
        // tests the widget's own escaping (the CSP is a second line of defence).
        await using var browser = await fixture.NewPageAsync(bypassCsp: true);
        var page = browser.Page;
        await OpenPanelAsync(page);
        // The bot may put a one-line 112 note before its reply to text it cannot read: wait for the reply itself.
        await AskAsync(page, ImgPayload);
        await AskAsync(page, ScriptPayload);
        var replies = await page.Locator(".cb-msg-bot").CountAsync();
        await AssertLiteralAsync(page);

        // After a reload the messages come back from the server's history (a different code path).
        await page.ReloadAsync();
        if (await page.Locator("#cb-panel").IsHiddenAsync())
        {
            await page.Locator("#cb-launcher").ClickAsync();
        }
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(replies, new() { Timeout = 20_000 });
        await AssertLiteralAsync(page);
    }

    /// <summary>Sends <paramref name="text"/> and waits until the last message is the bot's reply (not a 112 note before it).</summary>
    private static async Task AskAsync(IPage page, string text)
    {
        var users = await page.Locator(".cb-msg-user").CountAsync();
        await page.Locator("#cb-input").FillAsync(text);
        await page.Locator("#cb-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".cb-msg-user")).ToHaveCountAsync(users + 1);
        await Assertions.Expect(page.Locator(".cb-msg-user.cb-sending, .cb-msg-user.cb-failed")).ToHaveCountAsync(0);
        var last = page.Locator("#cb-log .cb-msg").Last;
        await Assertions.Expect(last).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cb-msg-bot"), new() { Timeout = 20_000 });
        await Assertions.Expect(last.Locator(".cb-body")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*Om någon är i fara just nu"), new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violations_with_the_panel_open_and_a_conversation_shown()
    {
        // The page's CSP (script-src 'self') would block the injected axe-core script.
        await using var browser = await fixture.NewPageAsync(bypassCsp: true);
        var page = browser.Page;
        await OpenPanelAsync(page);
        await AskAsync(page, "Hur skaffar jag bibliotekskort?", expectedBotMessages: 2);
        await Assertions.Expect(page.Locator(".cb-actions button").First).ToBeVisibleAsync();

        var serious = (await Axe.SeriousViolationsAsync(page, "widget")).ToList();
        Assert.True(serious.Count == 0, "axe-core violations:\n" + string.Join("\n", serious));
    }

    private async Task OpenPanelAsync(IPage page)
    {
        await page.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await page.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(page.Locator("#cb-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    private static async Task AskAsync(IPage page, string text, int expectedBotMessages)
    {
        var users = await page.Locator(".cb-msg-user").CountAsync();
        await page.Locator("#cb-input").FillAsync(text);
        await page.Locator("#cb-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".cb-msg-user")).ToHaveCountAsync(users + 1);
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(expectedBotMessages, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".cb-msg-user.cb-sending, .cb-msg-user.cb-failed")).ToHaveCountAsync(0);
    }

    private static async Task<IReadOnlyList<string>> TranscriptAsync(IPage page) =>
        await page.Locator("#cb-log .cb-msg").AllInnerTextsAsync();

    /// <summary>
    /// The conversation and token of the widget's last posted activity, read from its Direct Line
    /// traffic (the protocol, not the widget's internal storage).
    /// </summary>
    private static async Task<(string ConversationId, string Token)> LastPostAsync(ConcurrentQueue<IRequest> requests)
    {
        var post = requests.LastOrDefault(r => r.Method == "POST" && PostActivityPath().IsMatch(new Uri(r.Url).AbsolutePath))
            ?? throw new InvalidOperationException("The widget posted no activity.");
        var headers = await post.AllHeadersAsync();
        var authorization = headers.TryGetValue("authorization", out var value) ? value : "";
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        return (Uri.UnescapeDataString(PostActivityPath().Match(new Uri(post.Url).AbsolutePath).Groups[1].Value), authorization["Bearer ".Length..]);
    }

    private static ConcurrentQueue<IRequest> RecordDirectLine(IPage page)
    {
        var requests = new ConcurrentQueue<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/v3/directline/", StringComparison.Ordinal))
            {
                requests.Enqueue(request);
            }
        };
        return requests;
    }

    [GeneratedRegex("^/v3/directline/conversations/([^/]+)/activities$")]
    private static partial Regex PostActivityPath();

    private static async Task AssertLiteralAsync(IPage page)
    {
        var users = page.Locator(".cb-msg-user");
        await Assertions.Expect(users).ToHaveCountAsync(2);
        await Assertions.Expect(users.Nth(0)).ToContainTextAsync(ImgPayload);
        await Assertions.Expect(users.Nth(1)).ToContainTextAsync(ScriptPayload);
        Assert.Equal(0, await page.Locator("#cb-log img, #cb-log script, #cb-log [onerror]").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
    }
}
