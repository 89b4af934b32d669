using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bot.Tests;

/// <summary>An editor checks a translation next to the Swedish original in the console and marks it reviewed.</summary>
public class TranslationReviewTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Entry(HttpClient guide, string language, string id)
    {
        var list = await guide.GetFromJsonAsync<JsonElement>($"/api/guide/translations?language={language}", Cancel);
        return list.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task MarkReviewed_AddsTheLanguageToTheEntrysReviewedList_OnlyThere_AndTheNoteGoes()
    {
        using var content = new ContentCopy();
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Knowledge:ContentDirectory"] = content.Path,
            ["Knowledge:ReloadSeconds"] = "0",
        });
        var guide = await KnowledgeOpsTests.GuideAsync(app);
        var file = content.File("entries/snorojning.yaml");
        var original = await File.ReadAllTextAsync(file, Cancel);

        var list = await guide.GetFromJsonAsync<JsonElement>("/api/guide/translations?language=fi", Cancel);
        Assert.Equal(0, list.GetProperty("reviewed").GetInt32());
        Assert.True(list.GetProperty("total").GetInt32() > 150);
        var before = await Entry(guide, "fi", "snow-who-responsible");
        Assert.False(before.GetProperty("reviewed").GetBoolean());
        Assert.StartsWith("Den som är väghållare för vägen", before.GetProperty("sv").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(before.GetProperty("text").GetString()));

        var marked = await guide.PostAsJsonAsync("/api/guide/translations/snow-who-responsible/reviewed", new { language = "fi" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var source = "    source: https://goteborg.se/wps/portal/start/trafik-och-resor/renhallning-och-snorojning/sno-och-halka/snorojning-och-halkbekampning\n";
        var firstSource = original.IndexOf(source, StringComparison.Ordinal);
        Assert.Equal(original.Insert(firstSource, "    reviewed: [fi]\n"), await File.ReadAllTextAsync(file, Cancel));
        Assert.True((await Entry(guide, "fi", "snow-who-responsible")).GetProperty("reviewed").GetBoolean());
        Assert.False((await Entry(guide, "ar", "snow-who-responsible")).GetProperty("reviewed").GetBoolean());

        // Again: nothing changes. Another language joins the same list.
        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsJsonAsync("/api/guide/translations/snow-who-responsible/reviewed", new { language = "fi" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guide.PostAsJsonAsync("/api/guide/translations/snow-who-responsible/reviewed", new { language = "ar" }, Cancel)).StatusCode);
        Assert.Equal(original.Insert(firstSource, "    reviewed: [fi, ar]\n"), await File.ReadAllTextAsync(file, Cancel));
        Assert.Contains(app.LogLines, l => l.Contains("marked the fi translation of snow-who-responsible reviewed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Translations_BadRequests_AreRefused_AndNeedAGuide()
    {
        using var content = new ContentCopy();
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Knowledge:ContentDirectory"] = content.Path });
        var guide = await KnowledgeOpsTests.GuideAsync(app);
        var file = content.File("entries/snorojning.yaml");
        var original = await File.ReadAllBytesAsync(file, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/guide/translations?language=fi", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/guide/translations/snow-who-responsible/reviewed", new { language = "fi" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.GetAsync("/api/guide/translations?language=sv", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.GetAsync("/api/guide/translations?language=de", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.PostAsJsonAsync("/api/guide/translations/snow-who-responsible/reviewed", new { language = "en" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guide.PostAsJsonAsync("/api/guide/translations/snow-who-responsible/reviewed", new { language = "fi]\nsource: x" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guide.PostAsJsonAsync("/api/guide/translations/no-such-entry/reviewed", new { language = "fi" }, Cancel)).StatusCode);
        Assert.Equal(original, await File.ReadAllBytesAsync(file, Cancel));
    }
}

/// <summary>`knowledge check` on the shipped content: every key in messages.yaml is a message of the bot, with its placeholders.</summary>
public class ShippedTranslationsTests
{
    [Fact]
    public void EveryTranslatedMessage_BelongsToAMessageOfTheBotOrItsDialogs_WithTheSamePlaceholders()
    {
        Dialogs.Main.DialogMessages.Register();
        Knowledge.MessageCatalog.RegisterMessageClasses(typeof(Bot.Commands.KnowledgeCheckCommand).Assembly);
        var knowledge = Knowledge.Content.ContentLoader.Load(ContentCopy.Shipped()).Knowledge!;

        Assert.Empty(Knowledge.Content.TranslationReport.Problems(knowledge, Knowledge.MessageCatalog.Messages));
    }
}
