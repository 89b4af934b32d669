using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dialogs.Protocol;

namespace Bot.Tests.Security;

/// <summary>
/// Issue 12 §3 and §4: a report's status only for its own chat or with the receipt's code; and only the
/// bot's own uploads become a report's photo (photoUrl, Open311 media_url).
/// </summary>
[Collection(ResidentAttacks.Name)]
public sealed partial class FaultReportAccessTests(ResidentBot bot)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnotherChat_SeesAReportOnlyWithItsCode_AndUnknownReferencesLookTheSame()
    {
        var app = bot.App;
        var resident = await app.StartChatAsync();
        var receipt = await FileReportAsync(resident, "070-123 45 67", photo: false);
        var reference = Reference().Match(receipt).Value;
        var code = Code().Match(receipt).Groups["code"].Value;
        var guide = await FaultReportApiTests.GuideAsync(app);
        await guide.PostAsJsonAsync($"/api/guide/faultreports/{reference}/status", new { status = "in_progress", comment = "Ring Kalle på 070-999 88 77." }, Cancel);

        var stranger = await app.StartChatAsync();
        var guessed = await AskAsync(stranger, $"Hur går det med min felanmälan {reference}?");
        var wrongCode = await AskAsync(stranger, $"Hur går det med min felanmälan {reference} kod ABC234?");
        var unknown = await AskAsync(stranger, "Hur går det med min felanmälan FR-2026-000777?");
        var own = await AskAsync(resident, $"Hur går det med min felanmälan {reference}?");
        var withCode = await AskAsync(await app.StartChatAsync(), $"Hur går det med min felanmälan {reference} kod {code}?");

        Assert.Matches("^[A-Z2-9]{6}$", code);
        foreach (var refused in new[] { guessed, wrongCode })
        {
            Assert.Contains($"Jag kan inte se felanmälan {reference} här", refused, StringComparison.Ordinal);
            Assert.Contains("vägledare", refused, StringComparison.Ordinal);
            Assert.DoesNotContain("Götabergsgatan", refused, StringComparison.Ordinal);
            Assert.DoesNotContain("070-999 88 77", refused, StringComparison.Ordinal);
            Assert.DoesNotContain("under åtgärd", refused, StringComparison.Ordinal);
        }
        Assert.Equal(guessed.Replace(reference, "FR-2026-000777", StringComparison.Ordinal), unknown);
        Assert.Contains("070-999 88 77", own, StringComparison.Ordinal);
        Assert.Contains("under åtgärd", withCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutsideAddress_NeverBecomesThePhoto_NorAnotherChatsUpload()
    {
        var app = bot.App;
        var other = await app.StartChatAsync();
        await Uploads.SendAsync(other, ("egen.png", TestFiles.Png, "image/png"));
        var othersPhoto = await Uploads.LastLinkAsync(other);
        var resident = await app.StartChatAsync();
        await resident.PostMessageAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        await resident.PostMessageAsync("Ja");

        foreach (var address in new[] { "https://phishing.example/logga-in.png", othersPhoto })
        {
            var response = await resident.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{resident.ConversationId}/activities", new
            {
                type = "message",
                attachments = new[] { new { contentType = "image/png", contentUrl = address, name = "bild.png" } },
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // Skip whatever is still asked (photo, contact) until the receipt comes.
        var reference = "";
        for (var i = 0; i < 3 && reference.Length == 0; i++)
        {
            reference = Reference().Match(await AskAsync(resident, "Hoppa över")).Value;
        }
        var guide = await FaultReportApiTests.GuideAsync(app);
        var report = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/faultreports/{reference}", Cancel);
        var export = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/faultreports/export", Cancel)).EnumerateArray()
            .Single(r => r.GetProperty("service_request_id").GetString() == reference);

        Assert.Equal(JsonValueKind.Null, report.GetProperty("photoUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, export.GetProperty("media_url").ValueKind);
        Assert.DoesNotContain("phishing.example", report.GetRawText() + export.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnUpload_IsThePhoto_WithAFreshLinkForGuidesAndTheCaseSystem()
    {
        var app = bot.App;
        var resident = await app.StartChatAsync();
        var reference = Reference().Match(await FileReportAsync(resident, "Hoppa över", photo: true)).Value;
        var guide = await FaultReportApiTests.GuideAsync(app);

        var photoUrl = (await guide.GetFromJsonAsync<JsonElement>($"/api/guide/faultreports/{reference}", Cancel)).GetProperty("photoUrl").GetString()!;
        var mediaUrl = (await guide.GetFromJsonAsync<JsonElement>("/api/guide/faultreports/export", Cancel)).EnumerateArray()
            .Single(r => r.GetProperty("service_request_id").GetString() == reference).GetProperty("media_url").GetString()!;

        Assert.Contains("/uploads/", photoUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(photoUrl, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(mediaUrl, Cancel)).StatusCode);
    }

    private static async Task<string> FileReportAsync(ResidentChat resident, string contact, bool photo)
    {
        await resident.PostMessageAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        await resident.PostMessageAsync("Ja");
        if (photo)
        {
            await Uploads.SendAsync(resident, ("lampa.png", TestFiles.Png, "image/png"));
        }
        else
        {
            await resident.PostMessageAsync("Hoppa över");
        }
        return await AskAsync(resident, contact);
    }

    private static async Task<string> AskAsync(ResidentChat chat, string text)
    {
        var (before, _) = await chat.GetActivitiesAsync();
        await chat.PostMessageAsync(text);
        var (after, _) = await chat.GetActivitiesAsync();
        return string.Join("\n", after.Skip(before.Count).Where(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.Bot).Select(a => a.Text));
    }

    [GeneratedRegex(@"Kod: \*\*(?<code>[A-Z0-9]{6})\*\*")]
    private static partial Regex Code();

    [GeneratedRegex(@"FR-\d{4}-\d{6}")]
    private static partial Regex Reference();
}
