using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using MimeKit;
using static Browser.Tests.ContactCenterFixture;

namespace Browser.Tests;

/// <summary>
/// Issue 13, the guide's side in Chromium: a new case notifies (sound), the queue shows the reason and the
/// latest question, the transcript looks like the widget, keyboard shortcuts, saved replies, transfer to a named
/// guide with a note, the supervisor's view, and the closed-case history with reopening.
/// </summary>
[Collection("Contact center")]
public sealed class GuideConsoleTests(ContactCenterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_guide_is_notified_reads_the_case_like_the_resident_saw_it_and_works_it_with_the_keyboard()
    {
        var bo = await fixture.GuideApiAsync("bo", "bo-secret");
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = true }, Ct);
        await using var console = await fixture.ConsoleAsync();
        var guide = console.Page;
        var ready = guide.Locator("#ready-toggle");
        if (await ready.GetAttributeAsync("aria-pressed") != "true")
        {
            await ready.ClickAsync();
        }
        await guide.Locator("#notify-sound").CheckAsync();
        var beeps = await guide.EvaluateAsync<int>("() => window.__guideBeeps || 0");

        await using var residentBrowser = await fixture.ResidentAsync();
        var resident = residentBrowser.Page;
        await AskAsync(resident, "Hur skaffar jag ett bibliotekskort?");
        await AskAsync(resident, "Jag vill prata med en människa");
        var conversation = await resident.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('cb-chat')).conversationId");
        var caseId = (await bo.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=queued", Ct)).EnumerateArray()
            .Single(c => c.GetProperty("conversationId").GetString() == conversation).GetProperty("id").GetString()!;

        // Opt-in sound for a new case in Anna's groups.
        await guide.WaitForFunctionAsync($"() => (window.__guideBeeps || 0) > {beeps}");
        var item = guide.Locator($"#queue-body .case-item[data-case-id='{caseId}']");
        await Assertions.Expect(item.Locator(".ci-question")).ToHaveTextAsync("Vill prata med en person: Hur skaffar jag ett bibliotekskort?");
        await item.ClickAsync();

        // The transcript like the widget: Markdown links as short titles, the bot's buttons as chips, the same clock.
        var botLine = guide.Locator("#transcript .line-bot").Nth(1);
        await Assertions.Expect(botLine.Locator(".chip", new() { HasTextString = "Ja, tack" })).ToHaveCountAsync(1);
        await Assertions.Expect(botLine.Locator("a[href^='https://']").First).ToBeVisibleAsync();
        Assert.DoesNotContain("https://", await botLine.Locator(".line-text").InnerTextAsync());
        await Assertions.Expect(botLine.Locator("time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}:\d{2}$"));
        await Assertions.Expect(guide.Locator(".summary .questions li")).ToHaveTextAsync(["Hur skaffar jag ett bibliotekskort?"]);

        // Alt+Shift+T claims, "/hej" + Tab inserts the saved reply, Alt+Shift+S sends it.
        await guide.Locator("#case-view-heading").FocusAsync();
        await guide.Keyboard.PressAsync("Alt+Shift+KeyT");
        await Assertions.Expect(guide.Locator(".owner-mine")).ToHaveTextAsync("Du hanterar ärendet.");
        await guide.Locator("#reply").FillAsync("/hej");
        await guide.Locator("#reply").PressAsync("Tab");
        await Assertions.Expect(guide.Locator("#reply")).ToHaveValueAsync("Hej! Tack för att du väntade. Jag läser vad du har skrivit och återkommer strax.");
        await guide.Keyboard.PressAsync("Alt+Shift+KeyS");
        await Assertions.Expect(resident.Locator(".cb-msg-guide").Last).ToContainTextAsync("Tack för att du väntade");
        await guide.Keyboard.PressAsync("Alt+Shift+KeyN");
        await Assertions.Expect(guide.Locator("#note")).ToBeFocusedAsync();

        // Transfer to a named guide with a note.
        await guide.Locator("#transfer-guide").SelectOptionAsync("bo");
        await guide.Locator("#transfer-note").FillAsync("Invånaren vill förnya sitt lånekort.");
        await guide.Locator("#transfer").ClickAsync();
        await Assertions.Expect(resident.Locator(".cb-msg-bot").Last).ToContainTextAsync("Vägledaren Bo Ek tar över");
        await Assertions.Expect(resident.Locator("#cb-status")).ToHaveTextAsync("Du chattar med Bo Ek, vägledare");
        await Assertions.Expect(guide.Locator(".notes-list")).ToContainTextAsync("Vid överlämning: Invånaren vill förnya sitt lånekort.");

        // The supervisor sees who handles what.
        await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, "/guide/supervisor.html").ToString());
        await Assertions.Expect(guide.Locator("table").First.Locator("tr", new() { HasTextString = "Bo Ek" })).ToContainTextAsync(caseId);

        // Closed, found again in the history by its id, and reopened.
        (await bo.PostAsJsonAsync($"/api/guide/cases/{caseId}/close", new { resolution = "besvarad", backToBot = true }, Ct)).EnsureSuccessStatusCode();
        await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, "/guide/").ToString());
        await Assertions.Expect(guide.Locator("#connection-status")).ToHaveTextAsync("Ansluten");
        await guide.Keyboard.PressAsync("Alt+Shift+KeyH");
        await Assertions.Expect(guide.Locator("#history-q")).ToBeFocusedAsync();
        await guide.Locator("#history-q").FillAsync(caseId);
        await guide.Locator("#history-q").PressAsync("Enter");
        await guide.Locator($".history-results .case-item[data-case-id='{caseId}']").ClickAsync();
        await Assertions.Expect(guide.Locator(".claim-slot")).ToContainTextAsync("Ärendet är avslutat (besvarad).");
        await guide.Locator("#reopen").ClickAsync();
        await Assertions.Expect(guide.Locator(".case-status")).ToContainTextAsync("meddelande att besvara");
        await bo.PostAsJsonAsync("/api/guide/status", new { ready = false }, Ct);
        Assert.DoesNotContain(console.ConsoleProblems, p => p.StartsWith("pageerror", StringComparison.Ordinal));
    }
}

/// <summary>
/// A message left after hours, answered by e-mail from the console: the test SMTP server receives it with the
/// case reference the resident was given.
/// </summary>
public sealed class EmailReplyConsoleTests(AfterHoursFixture fixture) : IClassFixture<AfterHoursFixture>
{
    [Fact]
    public async Task A_left_message_is_answered_by_email_from_the_console_with_the_case_reference()
    {
        await using var residentBrowser = await fixture.ResidentAsync();
        var resident = residentBrowser.Page;
        await AskAsync(resident, "Jag vill prata med en människa");
        await AskAsync(resident, "Hur lång tid tar det att få bygglov för en carport? Svara till karin@example.se");
        var ack = resident.Locator(".cb-msg-bot").Last;
        await Assertions.Expect(ack).ToContainTextAsync("sparat ditt meddelande");
        var status = await resident.Locator("#cb-status").InnerTextAsync();
        var caseId = System.Text.RegularExpressions.Regex.Match(status, @"C-\d{4}-\d{6}").Value;
        Assert.False(string.IsNullOrEmpty(caseId), status);
        await Assertions.Expect(ack).ToContainTextAsync(caseId);

        await using var console = await fixture.ConsoleAsync();
        var guide = console.Page;
        var item = guide.Locator($"#queue-body .q-message .case-item[data-case-id='{caseId}']");
        await Assertions.Expect(item.Locator(".ci-due")).ToContainTextAsync("kvar av 24 h");
        await Assertions.Expect(item.Locator(".ci-question")).ToContainTextAsync("carport");
        await item.ClickAsync();
        await Assertions.Expect(guide.Locator(".summary")).ToContainTextAsync("Svar senast");
        await guide.Locator("#email-text").FillAsync("Hej Karin! Ett bygglov tar oftast 4–10 veckor.");
        await guide.Locator("#send-email").ClickAsync();

        await guide.WaitForFunctionAsync("() => document.querySelector('.emails') && document.querySelector('.emails').textContent.includes('E-post skickad')");
        Assert.True(fixture.Smtp.ReceivedEmailCount >= 1);
        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(fixture.Smtp.ReceivedEmail.Last().Data)), TestContext.Current.CancellationToken);
        Assert.Equal("karin@example.se", message.To.Mailboxes.Single().Address);
        Assert.Contains(caseId, message.Subject, StringComparison.Ordinal);
        Assert.Contains($"Ärende {caseId}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ett bygglov tar oftast 4–10 veckor.", message.TextBody, StringComparison.Ordinal);
        await Assertions.Expect(guide.Locator(".summary .due")).ToContainTextAsync("besvarat");

        await guide.Locator("#callback-note").FillAsync("Ringde också och bekräftade.");
        await guide.Locator("#called-back").ClickAsync();
        await Assertions.Expect(guide.Locator(".history .events")).ToContainTextAsync("Ringt upp");
    }
}
