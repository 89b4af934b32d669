using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Browser.Tests.WidgetLanguage;

namespace Browser.Tests;

/// <summary>
/// The guide console with a case in another language (issue 14): a language badge in the queue and the case
/// header, right-to-left messages and composer, the machine translation under the original, and a note when
/// there is none. The case's <c>language</c>, <c>translationAvailable</c> and a line's <c>translation</c> come
/// from the server (the bot side of issue 14); the test sets them on the real API's answers, so that it checks
/// the console's rendering of exactly those fields.
/// </summary>
public sealed class LanguageConsoleTests(OpenHoursFixture fixture) : IClassFixture<OpenHoursFixture>
{
    private const string ArabicMessage = "مرحبا، أحتاج مساعدة بخصوص ترخيص البناء";
    private const string Translation = "Hej, jag behöver hjälp med ett bygglov";

    [Fact]
    public async Task The_console_shows_the_case_language_the_machine_translation_and_right_to_left_text()
    {
        await using var residentBrowser = await fixture.NewPageAsync();
        var resident = residentBrowser.Page;
        await resident.GotoAsync(fixture.Bot.BaseUrl.ToString());
        await resident.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).ToHaveCountAsync(1);
        await resident.Locator("#cb-input").FillAsync(ArabicMessage);
        await resident.Keyboard.PressAsync("Enter");
        await Assertions.Expect(resident.Locator(".cb-msg-bot")).Not.ToHaveCountAsync(1);
        await resident.Locator("#cb-input").FillAsync("Jag vill prata med en människa om mitt bygglov");
        await resident.Keyboard.PressAsync("Enter");

        // The pages' CSP (script-src 'self') would block the injected axe-core script.
        await using var guideBrowser = await fixture.NewPageAsync(bypassCsp: true);
        var guide = guideBrowser.Page;
        var language = "ar";
        var available = true;
        await guide.RouteAsync("**/api/guide/cases**", async route =>
        {
            if (route.Request.Method != "GET")
            {
                await route.ContinueAsync();
                return;
            }
            var response = await route.FetchAsync();
            var json = response.Ok ? JsonNode.Parse(await response.TextAsync()) : null;
            foreach (var item in json is JsonArray list ? list.OfType<JsonObject>() : json is JsonObject one ? [one] : [])
            {
                item["language"] = language;
                item["translationAvailable"] = available;
                foreach (var line in (item["transcript"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (available && line["text"]?.GetValue<string>() == ArabicMessage)
                    {
                        line["translation"] = new JsonObject { ["text"] = Translation, ["machine"] = true };
                    }
                }
            }
            await route.FulfillAsync(new() { Response = response, Body = json?.ToJsonString() ?? await response.TextAsync() });
        });
        await guide.GotoAsync(new Uri(fixture.Bot.BaseUrl, "/guide/").ToString());
        await guide.GetByLabel("Användarnamn").FillAsync("demo");
        await guide.GetByLabel("Lösenord").FillAsync("demo");
        await guide.Keyboard.PressAsync("Enter");
        await Assertions.Expect(guide.Locator("#connection-status")).ToHaveTextAsync("Ansluten");

        // Arabic, with a machine translation.
        var row = guide.Locator(".case-item").First;
        await Assertions.Expect(row.Locator(".lang-badge")).ToHaveTextAsync("Språk: Arabiska");
        await row.ClickAsync();
        await Assertions.Expect(guide.Locator(".case-status .lang-badge")).ToHaveTextAsync("Språk: Arabiska");
        var arabic = guide.Locator("#transcript .line-resident").Filter(new() { HasTextString = ArabicMessage });
        var text = arabic.Locator(".line-text");
        await Assertions.Expect(text).ToHaveAttributeAsync("dir", "auto");
        Assert.Equal("rtl", await DirectionAsync(text));
        Assert.Equal("ltr", await DirectionAsync(guide.Locator("#transcript .line-resident").Filter(new() { HasTextString = "människa" }).Locator(".line-text")));
        await Assertions.Expect(guide.Locator("#transcript .line-text:not([dir='auto'])")).ToHaveCountAsync(0);
        var translation = arabic.Locator(".line-translation");
        await Assertions.Expect(translation).ToHaveAttributeAsync("lang", "sv");
        await Assertions.Expect(translation.Locator(".translation-label")).ToHaveTextAsync("Maskinöversättning");
        await Assertions.Expect(translation.Locator(".translation-text")).ToHaveTextAsync(Translation);
        await Assertions.Expect(guide.Locator(".line-translation")).ToHaveCountAsync(1);
        await Assertions.Expect(guide.Locator(".translation-note")).ToHaveCountAsync(0);
        var problems = (await Axe.ViolationsAsync(guide, "console (Arabic case)")).Select(v => v.Text).ToList();

        // The composer writes right to left when the guide writes Arabic.
        await guide.Locator("#claim").ClickAsync();
        var reply = guide.Locator("#reply");
        await Assertions.Expect(reply).ToHaveAttributeAsync("dir", "auto");
        await reply.FillAsync("مرحبا، كيف يمكنني مساعدتك؟");
        Assert.Equal("rtl", await DirectionAsync(reply));
        await reply.FillAsync("");

        // Finnish without a machine translation: one line says so.
        (language, available) = ("fi", false);
        await guide.ReloadAsync();
        await Assertions.Expect(guide.Locator(".case-status .lang-badge")).ToHaveTextAsync("Språk: Finska");
        await Assertions.Expect(guide.Locator(".case-item[aria-current='true'] .lang-badge")).ToHaveTextAsync("Språk: Finska");
        await Assertions.Expect(guide.Locator(".translation-note")).ToHaveTextAsync("Ingen maskinöversättning tillgänglig");
        await Assertions.Expect(guide.Locator(".translation-note")).ToHaveAttributeAsync("lang", "sv");
        await Assertions.Expect(guide.Locator(".line-translation")).ToHaveCountAsync(0);
        problems.AddRange((await Axe.ViolationsAsync(guide, "console (Finnish case)")).Select(v => v.Text));

        // Easy-to-read Swedish needs no translation; Swedish has no badge.
        language = "sv-easy";
        await guide.ReloadAsync();
        await Assertions.Expect(guide.Locator(".case-status .lang-badge")).ToHaveTextAsync("Språk: Lättläst svenska");
        await Assertions.Expect(guide.Locator(".translation-note")).ToHaveCountAsync(0);
        language = "sv";
        await guide.ReloadAsync();
        await Assertions.Expect(guide.Locator("#transcript .line-resident").First).ToBeVisibleAsync();
        await Assertions.Expect(guide.Locator(".lang-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(guide.Locator(".translation-note")).ToHaveCountAsync(0);

        Assert.True(problems.Count == 0, "axe-core violations:\n" + string.Join("\n", problems));
    }
}
