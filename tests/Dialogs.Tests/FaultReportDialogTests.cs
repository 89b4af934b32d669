using Dialogs.Alerts;
using Dialogs.FaultReports;
using Dialogs.Main;
using Dialogs.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Dialogs.Tests;

/// <summary>Transcripts of the fault-report form and of crisis alerts before answers.</summary>
public class FaultReportDialogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task StreetLightReport_AsksOnlyForWhatIsMissing_StoresAndGivesReference()
    {
        var store = new MemoryFaultReportStore();
        var bot = new BotTester(new FakeTimeProvider(Now), faultReports: store);

        var start = await bot.SendAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        Assert.Equal(Outcomes.Form, start.Outcome);
        Assert.Contains("Götabergsgatan 20", start.Text, StringComparison.Ordinal);
        Assert.Contains("Stämmer det?", start.Text, StringComparison.Ordinal);
        Assert.Equal(["Ja", "Nej", "Avbryt"], start.Buttons);

        var photo = await bot.SendAsync("Ja");
        Assert.Equal(Outcomes.Form, photo.Outcome);
        Assert.Contains("bild", photo.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Beskriv felet", photo.Text, StringComparison.Ordinal);
        Assert.Contains("Hoppa över", photo.Buttons);

        var contact = await bot.SendAsync("Hoppa över");
        Assert.Contains("e-postadress", contact.Text, StringComparison.Ordinal);
        Assert.Empty(store.Reports);

        var done = await bot.SendAsync("anna@example.se");
        var report = Assert.Single(store.Reports);
        Assert.Equal("FR-2026-000001", report.Reference);
        Assert.Equal("streetlight", report.Category);
        Assert.Equal("Götabergsgatan 20", report.Location);
        Assert.Equal("Gatlampan utanför Götabergsgatan 20 är trasig.", report.Description);
        Assert.Equal("anna@example.se", report.Contact);
        Assert.Null(report.PhotoUrl);
        Assert.Equal(FaultReportStatuses.Received, report.Status);
        Assert.Contains("FR-2026-000001", done.Text, StringComparison.Ordinal);
        Assert.Contains("Kod: **" + report.AccessCode + "**", done.Text, StringComparison.Ordinal);
        Assert.Contains("anna@example.se", done.Text, StringComparison.Ordinal);
        Assert.Null((await bot.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken))!.FaultReport);

        var after = await bot.SendAsync("Hur skaffar jag ett bibliotekskort?");
        Assert.Equal(Outcomes.Answer, after.Outcome);
    }

    [Theory]
    [InlineData("Nej, Götabergsgatan 22")]
    [InlineData("Nej", "Götabergsgatan 22")]
    public async Task ACorrectedPlace_IsCorrectedInTheDescriptionToo(params string[] correction)
    {
        var store = new MemoryFaultReportStore();
        var bot = new BotTester(new FakeTimeProvider(Now), faultReports: store);

        await bot.SendAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        foreach (var reply in correction)
        {
            await bot.SendAsync(reply);
        }
        await bot.SendAsync("Ja");
        await bot.SendAsync("Hoppa över");
        await bot.SendAsync("Hoppa över");

        var report = Assert.Single(store.Reports);
        Assert.Equal("Götabergsgatan 22", report.Location);
        Assert.Equal("Gatlampan utanför Götabergsgatan 22 är trasig.", report.Description);
    }

    [Fact]
    public async Task PlaceConfirmation_ASentenceWithoutAPlaceAddsToTheDescription_AndYesOrNoIsNoPlace()
    {
        var store = new MemoryFaultReportStore();
        var bot = new BotTester(new FakeTimeProvider(Now), faultReports: store);

        await bot.SendAsync("Gatlampan utanför Vasagatan 12 är trasig.");
        var more = await bot.SendAsync("Den blinkar och slocknar hela tiden");
        Assert.Equal(Outcomes.Form, more.Outcome);
        Assert.DoesNotContain("Den blinkar", more.Text, StringComparison.Ordinal);

        await bot.SendAsync("Hoppa över");
        await bot.SendAsync("Hoppa över");
        var report = Assert.Single(store.Reports);
        Assert.Equal("Vasagatan 12", report.Location);
        Assert.Equal("Gatlampan utanför Vasagatan 12 är trasig. Den blinkar och slocknar hela tiden", report.Description);

        var other = new BotTester(new FakeTimeProvider(Now), faultReports: new MemoryFaultReportStore());
        await other.SendAsync("Jag vill göra en felanmälan");
        await other.SendAsync("Klotter");
        var no = await other.SendAsync("nej");
        Assert.DoesNotContain("nej", no.Text, StringComparison.Ordinal);
        Assert.Equal(Outcomes.Form, no.Outcome);
    }

    [Fact]
    public async Task ExplicitWish_AsksEveryStep_TakesAPhotoAndACorrectedPlace()
    {
        var store = new MemoryFaultReportStore();
        var bot = new BotTester(new FakeTimeProvider(Now), faultReports: store);

        var start = await bot.SendAsync("Jag vill göra en felanmälan");
        Assert.Equal(Outcomes.Form, start.Outcome);
        Assert.Contains("Klotter", start.Buttons);
        Assert.Contains("Snö och halka", start.Buttons);

        var where = await bot.SendAsync("Klotter");
        Assert.Contains("Var är felet?", where.Text, StringComparison.Ordinal);
        var confirm = await bot.SendAsync("tunneln under Järntorget");
        Assert.Contains("tunneln under Järntorget", confirm.Text, StringComparison.Ordinal);
        var again = await bot.SendAsync("Nej");
        Assert.Contains("Skriv platsen igen", again.Text, StringComparison.Ordinal);
        var confirmed = await bot.SendAsync("gångtunneln vid Järntorget");
        Assert.Contains("gångtunneln vid Järntorget", confirmed.Text, StringComparison.Ordinal);
        var describe = await bot.SendAsync("ja");
        Assert.Contains("Beskriv felet", describe.Text, StringComparison.Ordinal);
        await bot.SendAsync("Stora svarta tags över hela väggen");
        var outside = await bot.SendAsync(new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [new Attachment { ContentType = "image/jpeg", ContentUrl = "https://example.se/foto.jpg", Name = "foto.jpg" }],
        });
        Assert.Contains("Det där var ingen bild", outside.Text, StringComparison.Ordinal);
        var photo = await bot.SendAsync(new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [new Attachment { ContentType = "image/jpeg", ContentUrl = BotTester.OwnUploads + "c/foto.jpg", Name = "foto.jpg" }],
        });
        Assert.Equal(Outcomes.Form, photo.Outcome);
        Assert.Contains("Tack för bilden", photo.Text, StringComparison.Ordinal);
        Assert.Contains("e-postadress", photo.Text, StringComparison.Ordinal);
        await bot.SendAsync("nej tack");

        var report = Assert.Single(store.Reports);
        Assert.Equal("graffiti", report.Category);
        Assert.Equal("gångtunneln vid Järntorget", report.Location);
        Assert.Equal("Stora svarta tags över hela väggen", report.Description);
        Assert.Equal(BotTester.OwnUploads + "c/foto.jpg", report.PhotoUrl);
        Assert.Null(report.Contact);
    }

    [Theory]
    [InlineData("Det finns ett stort potthål på Eklandagatan vid nummer 40.", "road", "Eklandagatan vid nummer 40")]
    [InlineData("Någon har klottrat på väggen vid hållplatsen Järntorget.", "graffiti", "hållplatsen Järntorget")]
    [InlineData("Ett träd har fallit över gång- och cykelbanan vid Delsjövägen.", "tree", "Delsjövägen")]
    [InlineData("The street light outside Vasagatan 5 is not working.", "streetlight", "Vasagatan 5")]
    [InlineData("Bänken i Kungsparken vid Nya Allén är trasig.", "other", "Kungsparken vid Nya Allén")]
    [InlineData("Papperskorgen vid lekplatsen i Färjenäsparken är full och det ligger skräp överallt.", "litter", "lekplatsen i Färjenäsparken")]
    [InlineData("Trottoaren på Linnégatan är spegelhalt", "road", "Linnégatan")]
    public void Recognizer_FindsCategoryAndPlace(string text, string category, string place)
    {
        var mention = FaultReportRecognizer.Recognize(text);

        Assert.NotNull(mention);
        Assert.Equal(category, mention.Category?.Code);
        Assert.Equal(place, mention.Location);
        Assert.False(mention.StateRoad);
    }

    [Theory]
    [InlineData("Hur felanmäler jag en gatlampa?")]
    [InlineData("Hur snabbt ska en trasig gatlampa lagas?")]
    [InlineData("gatlampan vid lekplatsen har varit trasig i två veckor, hur lång tid tar det")]
    [InlineData("Who do I report a pothole on the E6 motorway to?")]
    [InlineData("Min faktura för sophämtningen är fel. Kan någon titta på den?")]
    [InlineData("har mejlat kommunen tre gånger om ett trasigt staket i parken men ingen svarar")]
    [InlineData("Jag har feber och ont i halsen.")]
    public void Recognizer_QuestionsAndOtherStatements_AreNotReports(string text) =>
        Assert.Null(FaultReportRecognizer.Recognize(text));

    [Fact]
    public async Task QuestionAboutReporting_GetsTheKnowledgeAnswer()
    {
        var result = await new BotTester(faultReports: new MemoryFaultReportStore()).SendAsync("Hur felanmäler jag ett potthål på en kommunal gata?");

        Assert.NotEqual(Outcomes.Form, result.Outcome);
    }

    [Fact]
    public async Task Cancel_EndsTheFormAtAnyStep_AndStoresNothing()
    {
        var store = new MemoryFaultReportStore();
        var bot = new BotTester(faultReports: store);

        await bot.SendAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        await bot.SendAsync("ja");
        var cancelled = await bot.SendAsync("avbryt");

        Assert.Contains("avbrutit", cancelled.Text, StringComparison.Ordinal);
        Assert.Empty(store.Reports);
        Assert.Null((await bot.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken))!.FaultReport);
    }

    [Fact]
    public async Task StateRoad_IsReferredToTrafikverket_WithoutAForm()
    {
        var store = new MemoryFaultReportStore();
        var bot = new BotTester(faultReports: store);

        var result = await bot.SendAsync("Det är ett stort potthål på E6 vid Tingstadsmotet.");

        Assert.Contains("Trafikverket", result.Text, StringComparison.Ordinal);
        Assert.NotEqual(Outcomes.Form, result.Outcome);
        Assert.Null((await bot.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken))!.FaultReport);
    }

    [Fact]
    public async Task DangerToLife_Says112First_ThenTheForm()
    {
        var bot = new BotTester(faultReports: new MemoryFaultReportStore());

        var result = await bot.SendAsync("En lyktstolpe har fallit och elkablarna hänger ner på Vasagatan 12.");

        Assert.Equal(Outcomes.Form, result.Outcome);
        Assert.StartsWith("Om någon är i fara just nu: ring 112", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusQuestion_GivesTheCurrentStatusAndComment()
    {
        var store = new MemoryFaultReportStore();
        var bot = new BotTester(new FakeTimeProvider(Now), faultReports: store);
        await bot.SendAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        await bot.SendAsync("ja");
        await bot.SendAsync("hoppa över");
        await bot.SendAsync("hoppa över");
        await store.SetStatusAsync("FR-2026-000001", FaultReportStatuses.InProgress, "Elektriker bokad till torsdag.", "demo", Now, TestContext.Current.CancellationToken);

        var code = Assert.Single(store.Reports).AccessCode!;

        var status = await bot.SendAsync("Hur går det med min felanmälan fr-2026-1?");
        var withCode = await new BotTester(faultReports: store).SendAsync($"Hur går det med min felanmälan FR-2026-000001 kod {code.ToLowerInvariant()}?");
        var otherChat = await new BotTester(faultReports: store).SendAsync("Hur går det med min felanmälan FR-2026-000001?");
        var unknown = await new BotTester(faultReports: store).SendAsync("Hur går det med min felanmälan FR-2026-000999?");
        var noReference = await new BotTester(faultReports: store).SendAsync("Hur går det med min felanmälan?");

        Assert.Matches("^[A-HJKMNP-Z2-9]{6}$", code);
        Assert.Contains("FR-2026-000001", status.Text, StringComparison.Ordinal);
        Assert.Contains("under åtgärd", status.Text, StringComparison.Ordinal);
        Assert.Contains("Elektriker bokad till torsdag.", status.Text, StringComparison.Ordinal);
        Assert.Contains("24 november 2026", status.Text, StringComparison.Ordinal);
        Assert.Contains("Elektriker bokad till torsdag.", withCode.Text, StringComparison.Ordinal);
        Assert.Contains("kan inte se felanmälan FR-2026-000001 här", otherChat.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Elektriker", otherChat.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Götabergsgatan", otherChat.Text, StringComparison.Ordinal);
        Assert.Contains("kan inte se felanmälan FR-2026-000999 här", unknown.Text, StringComparison.Ordinal);
        Assert.Contains("FR-2026-000123", noReference.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_FormIsInEnglish()
    {
        var bot = new BotTester(faultReports: new MemoryFaultReportStore());

        var result = await bot.SendAsync("The street light outside Vasagatan 5 is not working.", "en-US");

        Assert.Contains("Is that right?", result.Text, StringComparison.Ordinal);
        Assert.Equal(["Yes", "No", "Cancel"], result.Buttons);
    }

    [Fact]
    public async Task WithoutAStore_TheResidentIsToldToCall()
    {
        var bot = new BotTester();
        await bot.SendAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        await bot.SendAsync("ja");
        await bot.SendAsync("hoppa över");

        var result = await bot.SendAsync("hoppa över");

        Assert.Contains("031-365 00 00", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("FR-", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActiveAlert_IsPutBeforeAnswersOnItsTopic_UntilItExpires()
    {
        var clock = new FakeTimeProvider(Now);
        var alerts = new FixedAlerts(clock, new CrisisAlert("A-1", "Kraftigt snöfall: plogningen tar längre tid än vanligt.", ["snöröjning"], Now, Now.AddHours(2), "demo"));
        var bot = new BotTester(clock, alerts: alerts);

        var snow = await bot.SendAsync("När kommer plogen till min gata?");
        var library = await bot.SendAsync("Hur skaffar jag ett bibliotekskort?");
        clock.Advance(TimeSpan.FromHours(3));
        var later = await bot.SendAsync("När kommer plogen till min gata?");

        Assert.Equal(Outcomes.Answer, snow.Outcome);
        Assert.StartsWith("Viktigt just nu: Kraftigt snöfall", snow.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kraftigt snöfall", library.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kraftigt snöfall", later.Text, StringComparison.Ordinal);
    }

    private sealed class FixedAlerts(TimeProvider clock, params CrisisAlert[] alerts) : IAlertSource
    {
        public Task<IReadOnlyList<CrisisAlert>> ActiveAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CrisisAlert>>(alerts.Where(a => a.ExpiresAt > clock.GetUtcNow()).ToList());
    }
}
