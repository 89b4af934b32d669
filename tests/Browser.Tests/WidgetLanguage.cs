using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>Steps and checks shared by the tests of the widget's and the console's languages (issue 14).</summary>
internal static partial class WidgetLanguage
{
    public const string ArabicQuestion = "كيف أحصل على بطاقة مكتبة؟";
    public const string FinnishQuestion = "Miten saan kirjastokortin?";

    /// <summary>Chooses a language with the mouse in the open panel's language chooser.</summary>
    public static async Task ChooseAsync(IPage page, string code)
    {
        await page.Locator("#cb-lang").ClickAsync();
        await page.Locator($"#cb-lang-menu [role='menuitemradio'][data-lang='{code}']").ClickAsync();
        await Assertions.Expect(page.Locator("#cb-panel")).ToHaveAttributeAsync("data-language", code);
    }

    /// <summary>A posted activity (see <see cref="WaitForPostAsync"/>) with its conversation and token.</summary>
    public static async Task<(JsonElement Activity, string ConversationId, string Token)> PostedAsync(Task<IRequest> request)
    {
        var posted = await request;
        var headers = await posted.AllHeadersAsync();
        var authorization = headers.TryGetValue("authorization", out var value) ? value : "";
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var conversation = Uri.UnescapeDataString(PostActivityPath().Match(new Uri(posted.Url).AbsolutePath).Groups[1].Value);
        return (posted.PostDataJSON() ?? throw new InvalidOperationException("The post had no JSON body."), conversation, authorization["Bearer ".Length..]);
    }

    /// <summary>Waits for a POST of an activity whose JSON body satisfies <paramref name="matches"/>.</summary>
    public static Task<IRequest> WaitForPostAsync(IPage page, Func<JsonElement, bool> matches) =>
        page.WaitForRequestAsync(r => r.Method == "POST" && PostActivityPath().IsMatch(new Uri(r.Url).AbsolutePath)
            && r.PostDataJSON() is { ValueKind: JsonValueKind.Object } body && matches(body));

    public static bool IsSetLanguage(JsonElement activity) =>
        activity.TryGetProperty("type", out var type) && type.GetString() == "event"
        && activity.TryGetProperty("name", out var name) && name.GetString() == "setLanguage";

    public static bool IsMessage(JsonElement activity) =>
        activity.TryGetProperty("type", out var type) && type.GetString() == "message";

    public static Task<string> DirectionAsync(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).direction");

    [GeneratedRegex("^/v3/directline/conversations/([^/]+)/activities$")]
    private static partial Regex PostActivityPath();
}
