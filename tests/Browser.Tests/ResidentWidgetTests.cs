using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Browser.Tests.ContactCenterFixture;

namespace Browser.Tests;

[CollectionDefinition("Contact center")]
public sealed class ContactCenterCollection : ICollectionFixture<ContactCenterFixture>;

/// <summary>
/// Issue 13, the resident's side in Chromium: never silent after a handoff, typing that tells the truth,
/// answers read from their first line, room to read on a phone, at 200 % zoom and at 320 px, and the details.
/// </summary>
[Collection("Contact center")]
public sealed class ResidentWidgetTests(ContactCenterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_the_queue_every_message_is_acknowledged_and_typing_is_only_the_guides_real_typing()
    {
        var bo = await fixture.GuideApiAsync("bo", "bo-secret");
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = true }, Ct);
        await using var browser = await fixture.ResidentAsync();
        var page = browser.Page;
        // Records every moment the typing line is shown, so that "never shown" can be asserted afterwards.
        await page.EvaluateAsync("""
            () => { window.__typing = []; const t = document.getElementById('cb-typing');
              new MutationObserver(() => { if (!t.hidden) window.__typing.push(t.textContent); }).observe(t, { attributes: true, childList: true, subtree: true }); }
            """);

        await AskAsync(page, "Jag vill prata med en människa");
        var status = page.Locator("#cb-status");
        await Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("(i kö till en vägledare – nummer \\d+|först i kön till en vägledare)$"));
        await AskAsync(page, "Det gäller bygglov för ett plank");
        var last = page.Locator(".cb-msg-bot").Last;
        await Assertions.Expect(last).ToContainTextAsync("Vägledaren ser det du skriver");
        await Assertions.Expect(page.Locator(".cb-actions button", new() { HasTextString = "Fortsätt med chattboten" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cb-actions button", new() { HasTextString = "Lämna kön" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cb-typing")).ToBeHiddenAsync();

        // A guide takes the chat: the status line names them, and their real typing is shown with their name.
        var conversation = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('cb-chat')).conversationId");
        var caseId = (await bo.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", Ct)).EnumerateArray()
            .Single(c => c.GetProperty("conversationId").GetString() == conversation).GetProperty("id").GetString();
        (await bo.PostAsync($"/api/guide/cases/{caseId}/claim", null, Ct)).EnsureSuccessStatusCode();
        await Assertions.Expect(status).ToHaveTextAsync("Du chattar med Bo Ek, vägledare");
        await page.EvaluateAsync("() => { window.__typing = []; }");
        await page.Locator("#cb-input").FillAsync("Hej Bo, är du där?");
        await page.Locator("#cb-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".cb-msg-user").Last).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cb-sending"));
        (await bo.PostAsync($"/api/guide/cases/{caseId}/typing", null, Ct)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#cb-typing")).ToHaveTextAsync("Bo Ek skriver…");
        var shown = await page.EvaluateAsync<string[]>("() => window.__typing");
        Assert.DoesNotContain("Chattboten skriver…", shown);

        // A guide's message gets links: a web address, a phone number (tel:) and an e-mail address (mailto:).
        (await bo.PostAsJsonAsync($"/api/guide/cases/{caseId}/messages", new { text = "Ring 031-365 00 00, mejla goteborg@goteborg.se eller läs https://goteborg.se/bygglov." }, Ct)).EnsureSuccessStatusCode();
        var guideMessage = page.Locator(".cb-msg-guide").Last;
        await Assertions.Expect(guideMessage.Locator("a[href='tel:+46313650000']")).ToHaveTextAsync("031-365 00 00");
        await Assertions.Expect(guideMessage.Locator("a[href='mailto:goteborg@goteborg.se']")).ToBeVisibleAsync();
        await Assertions.Expect(guideMessage.Locator("a[href='https://goteborg.se/bygglov']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cb-typing")).ToBeHiddenAsync();

        // The guide ends the chat without handing back: the input is off and a new chat can be started.
        (await bo.PostAsJsonAsync($"/api/guide/cases/{caseId}/close", new { resolution = "besvarad", backToBot = false }, Ct)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator(".cb-ended")).ToContainTextAsync("Samtalet är avslutat");
        await Assertions.Expect(page.Locator("#cb-input")).ToBeDisabledAsync();
        await Assertions.Expect(status).ToBeHiddenAsync();
        await page.Locator(".cb-ended button", new() { HasTextString = "Starta en ny chatt" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cb-input")).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".cb-msg-bot").First).ToContainTextAsync("Hej! Jag är Göteborgs Stads chattbot");
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = false }, Ct);
    }

    [Fact]
    public async Task A_phone_with_the_keyboard_open_shows_the_header_a_one_line_alert_and_each_new_answer_from_its_first_line()
    {
        var anna = await fixture.GuideApiAsync();
        var alert = await anna.PostAsJsonAsync("/api/alerts", new
        {
            text = "Kraftigt snöfall i hela Göteborg: plogningen av gång- och cykelvägar tar längre tid än vanligt, och sophämtningen kan bli försenad i flera stadsdelar.",
            textEn = "Heavy snowfall in Gothenburg: clearing takes longer than usual.",
            topics = Array.Empty<string>(), expiresAt = DateTimeOffset.UtcNow.AddDays(1),
        }, Ct);
        alert.EnsureSuccessStatusCode();
        try
        {
            // About an iPhone's viewport with the on-screen keyboard open.
            await using var browser = await fixture.ResidentAsync(390, 470);
            var page = browser.Page;
            var greeting = page.Locator(".cb-msg-bot").First;
            await AssertTopVisibleAsync(page, greeting);
            await Assertions.Expect(page.Locator(".cb-close")).ToBeInViewportAsync();
            var box = page.Locator(".cb-alert-box");
            await Assertions.Expect(box).ToBeVisibleAsync();
            Assert.True((await box.BoundingBoxAsync())!.Height <= 48, "the alert banner is one line");
            var more = page.Locator(".cb-alert-toggle");
            await Assertions.Expect(more).ToHaveTextAsync("Visa mer");
            await more.ClickAsync();
            Assert.True((await box.BoundingBoxAsync())!.Height > 48, "Visa mer shows the whole alert");
            await page.Locator(".cb-alert-toggle").ClickAsync();

            var noticeBefore = (await page.Locator(".cb-notice").BoundingBoxAsync())!.Height;
            await AskAsync(page, "Vem ska skotta trottoaren utanför mitt hus?");
            var answer = page.Locator(".cb-msg-bot").Last;
            await Assertions.Expect(answer).ToContainTextAsync("Viktigt just nu");
            await AssertTopVisibleAsync(page, answer);
            Assert.True((await page.Locator(".cb-notice").BoundingBoxAsync())!.Height < noticeBefore, "the privacy note shrinks after the first message");
            await Assertions.Expect(page.Locator("#cb-input")).ToBeInViewportAsync();
            await Assertions.Expect(page.Locator(".cb-close")).ToBeInViewportAsync();
            var log = (await page.Locator("#cb-log").BoundingBoxAsync())!;
            Assert.True(log.Height >= 150, $"the message area keeps room to read ({log.Height} px)");
            foreach (var button in await page.Locator(".cb-action, .cb-attach, .cb-send, .cb-hbtn").AllAsync())
            {
                var size = (await button.BoundingBoxAsync())!;
                Assert.True(size.Height >= 44, $"a button is {size.Height} px high");
            }

            // English: the alert's English text.
            await WidgetLanguage.ChooseAsync(page, "en");
            await Assertions.Expect(page.Locator(".cb-alert")).ToHaveTextAsync("Heavy snowfall in Gothenburg: clearing takes longer than usual.");
            await Assertions.Expect(page.Locator(".cb-alert")).ToHaveAttributeAsync("lang", "en");
            // Finnish: the Swedish text, marked as Swedish.
            await WidgetLanguage.ChooseAsync(page, "fi");
            await Assertions.Expect(page.Locator(".cb-alert")).ToContainTextAsync("Kraftigt snöfall i hela Göteborg");
            await Assertions.Expect(page.Locator(".cb-alert")).ToHaveAttributeAsync("lang", "sv");
        }
        finally
        {
            foreach (var active in (await anna.GetFromJsonAsync<JsonElement>("/api/alerts", Ct)).EnumerateArray())
            {
                await anna.DeleteAsync($"/api/alerts/{active.GetProperty("id").GetString()}", Ct);
            }
        }
    }

    [Theory]
    [InlineData(320, 256, 1)]
    [InlineData(640, 450, 2)]
    public async Task At_320_px_and_at_200_percent_zoom_the_chat_reflows_without_losing_the_header_or_the_input(int width, int height, float scale)
    {
        await using var browser = await fixture.ResidentAsync(width, height, scale);
        var page = browser.Page;
        await AskAsync(page, "Hur skaffar jag ett bibliotekskort?");

        await Assertions.Expect(page.Locator(".cb-close")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#cb-input")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator(".cb-send")).ToBeInViewportAsync();
        await AssertTopVisibleAsync(page, page.Locator(".cb-msg-bot").Last);
        var log = (await page.Locator("#cb-log").BoundingBoxAsync())!;
        Assert.True(log.Height >= 80, $"the message area is {log.Height} px high");
        // Reflow: nothing needs horizontal scrolling (WCAG 1.4.10).
        Assert.True(await page.EvaluateAsync<bool>("() => { const l = document.getElementById('cb-log'); return l.scrollWidth <= l.clientWidth + 1 && document.documentElement.scrollWidth <= window.innerWidth + 1; }"));
    }

    [Fact]
    public async Task On_a_phone_the_launcher_leaves_the_end_of_the_page_readable()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        var launcher = (await page.Locator("#cb-launcher").BoundingBoxAsync())!;
        var lastLink = (await page.Locator(".gbg-footer li").Last.BoundingBoxAsync())!;
        Assert.True(lastLink.Y + lastLink.Height <= launcher.Y, $"the footer's last line ends at {lastLink.Y + lastLink.Height}, the launcher starts at {launcher.Y}");
        Assert.True(launcher.Height >= 44 && launcher.Width >= 44);
        await Assertions.Expect(page.Locator("#cb-launcher")).ToHaveAccessibleNameAsync("Chatta med oss");
    }

    [Fact]
    public async Task Answers_have_phone_links_unbroken_references_timestamps_an_svg_attach_icon_and_photo_thumbnails()
    {
        await using var browser = await fixture.ResidentAsync();
        var page = browser.Page;
        // An honest "I don't know" names the contact center's phone number and e-mail address.
        await AskAsync(page, "Hur många invånare har månen?");
        var answer = page.Locator(".cb-msg-bot").Last;
        await Assertions.Expect(answer.Locator("a[href='mailto:goteborg@goteborg.se']")).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator("a[href='tel:+46313650000']")).ToHaveClassAsync("cb-nowrap");
        await Assertions.Expect(answer.Locator(".cb-time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}:\d{2}$"));
        await Assertions.Expect(page.Locator("#cb-attach svg")).ToHaveCountAsync(1);
        Assert.Equal("", (await page.Locator("#cb-attach").InnerTextAsync()).Trim());

        // Opening-hours answers ask whether they helped, like other answers.
        await AskAsync(page, "Har Stadsbiblioteket öppet idag?");
        await Assertions.Expect(page.Locator(".cb-msg-bot").Last).ToContainTextAsync("Hjälpte svaret?");
        await Assertions.Expect(page.Locator(".cb-actions button", new() { HasTextString = "Ja, tack" })).ToBeVisibleAsync();

        // A fault report: the photo prompt says nothing about Messenger; the photo shows as a thumbnail; the reference never wraps.
        await AskAsync(page, "Gatlampan utanför Götabergsgatan 20 är trasig.");
        await page.Locator(".cb-actions button", new() { HasTextString = "Ja" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot").Last).ToContainTextAsync("bild");
        await Assertions.Expect(page.Locator(".cb-msg-bot").Last).Not.ToContainTextAsync("Messenger");
        await page.Locator("#cb-file").SetInputFilesAsync(new FilePayload { Name = "lampa.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(page.Locator(".cb-msg-user img.cb-thumb")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".cb-msg-user img.cb-thumb")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await page.Locator(".cb-msg-user img.cb-thumb").EvaluateAsync<int>("img => img.naturalWidth") > 0, "the thumbnail shows the uploaded photo");
        await Assertions.Expect(page.Locator(".cb-msg-bot").Last).ToContainTextAsync("Tack för bilden");
        await page.Locator(".cb-actions button", new() { HasTextString = "Hoppa över" }).ClickAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot").Last).ToContainTextAsync("FR-");
        var reference = page.Locator(".cb-msg-bot .cb-nowrap", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^FR-\d{4}-\d{6}$") }).First;
        await Assertions.Expect(reference).ToBeVisibleAsync();
        Assert.Equal("nowrap", await reference.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));
    }

    private static async Task AssertTopVisibleAsync(IPage page, ILocator message)
    {
        // Wait for scrolling to settle on the message's first line.
        await Assertions.Expect(message).ToBeInViewportAsync();
        var log = (await page.Locator("#cb-log").BoundingBoxAsync())!;
        var box = (await message.BoundingBoxAsync())!;
        Assert.True(box.Y >= log.Y - 1 && box.Y < log.Y + log.Height - 20, $"the message's first line is in view (message at {box.Y}, log {log.Y}–{log.Y + log.Height})");
    }

    /// <summary>A real 1×1 PNG, so that the thumbnail can be decoded.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
