using Dialogs.Main;
using Microsoft.Extensions.Time.Testing;

namespace Dialogs.Tests;

/// <summary>Transcripts of opening-hours questions, at a fixed moment (Tuesday 22 December 2026, 10:00).</summary>
public class OpeningHoursDialogTests
{
    private static BotTester Bot(string now = "2026-12-22T10:00:00+01:00") =>
        new(new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task OpenToday_NamesTheDateHoursAndWhetherItIsOpenNow()
    {
        var reply = await Bot().SendAsync("Har Stadsbiblioteket öppet idag?");

        Assert.Equal(Outcomes.Answer, reply.Outcome);
        Assert.Equal("facility:stadsbiblioteket", reply.Decision!.AnswerId);
        Assert.Contains("Idag, tisdag 22 december: 10.00–20.00", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Just nu: öppet, stänger 20.00.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("exempelvärden", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[Källa: goteborg.se](https://goteborg.se/", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holiday_IsClosedWithTheHolidayNamed()
    {
        var reply = await Bot().SendAsync("Är Alelyckan öppet på juldagen?");

        Assert.Contains("Juldagen, fredag 25 december: stängt (röd dag)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Julafton_Library_IsClosed()
    {
        var reply = await Bot().SendAsync("har biblioteket pa gotaplatsen oppet pa julafton");

        Assert.Equal("facility:stadsbiblioteket", reply.Decision!.AnswerId);
        Assert.Contains("Julafton, torsdag 24 december: stängt (helgafton)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_NewYearsEve_AnswersInEnglish()
    {
        var reply = await Bot().SendAsync("Is Lundbybadet open on New Year's Eve?", "en-US");

        Assert.Contains("New Year's Eve, Thursday 31 December: closed", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[Source:", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicHoliday_PoolHasWeekendHours()
    {
        var reply = await Bot().SendAsync("När öppnar Valhallabadet på lördag?");

        Assert.Contains("Annandag jul, lördag 26 december: 09.00–17.00 (helgdagstider)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemporaryClosure_GivesTheReason()
    {
        var reply = await Bot().SendAsync("Är Frölundabadet öppet?");

        Assert.Contains("Stängt tills vidare: ombyggnad.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DateException_GivesTheReason()
    {
        var reply = await Bot().SendAsync("Har Stadsbiblioteket öppet den 28 december?");

        Assert.Contains("Måndag 28 december: stängt (inventering)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayBeforeHoliday_ClosesEarly()
    {
        var reply = await Bot("2027-01-04T10:00:00+01:00").SendAsync("När stänger Kyrkbyns bibliotek imorgon?");

        Assert.Contains("Imorgon, trettondagsafton, tisdag 5 januari: 12.00–15.00", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alias_TypoAndMissingDiacritics_AreRecognized()
    {
        Assert.Equal("facility:valhallabadet", (await Bot().SendAsync("har valhala öppet på söndag")).Decision!.AnswerId);
        Assert.Equal("facility:hogsbo-avc", (await Bot().SendAsync("nar stanger hogsbo avc idag")).Decision!.AnswerId);
        Assert.Equal("facility:majornas-bibliotek", (await Bot().SendAsync("Har biblioteket i Majorna öppet i helgen?")).Decision!.AnswerId);
        Assert.Equal("facility:stadsbiblioteket", (await Bot().SendAsync("Is the city library open on Sunday?", "en-US")).Decision!.AnswerId);
    }

    [Fact]
    public async Task Kind_ListsEveryFacilityOfThatKind()
    {
        var reply = await Bot().SendAsync("Vilka bibliotek har öppet på söndag?");

        Assert.Equal("facilities:library", reply.Decision!.AnswerId);
        Assert.Contains("Bibliotek, söndag 27 december", reply.Text, StringComparison.Ordinal);
        Assert.Contains("- Stadsbiblioteket: 11.00–17.00", reply.Text, StringComparison.Ordinal);
        Assert.Contains("- Majornas bibliotek: stängt", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ambiguous_OffersTheCandidatesAsButtons()
    {
        var reply = await Bot().SendAsync("Är Lundby öppet imorgon?");

        Assert.Equal(Outcomes.Clarify, reply.Outcome);
        Assert.Equal(["Är Lundby bibliotek öppet imorgon?", "Är Lundbybadet öppet imorgon?"], reply.Buttons);
    }

    [Fact]
    public async Task Button_AfterClarify_Answers()
    {
        var bot = Bot();
        await bot.SendAsync("Är Lundby öppet imorgon?");

        var reply = await bot.SendAsync("Är Lundbybadet öppet imorgon?");

        Assert.Contains("Imorgon, onsdag 23 december: 06.30–20.00", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_WithOnlyADate_KeepsTheFacility()
    {
        var bot = Bot();
        await bot.SendAsync("Är Alelyckan öppet på juldagen?");

        var reply = await bot.SendAsync("Och på annandagen?");

        Assert.Equal("facility:alelyckan", reply.Decision!.AnswerId);
        Assert.Contains("Annandag jul, lördag 26 december: 09.00–16.00", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDate_GivesTodayRegularHoursAndComingHolidays()
    {
        var reply = await Bot().SendAsync("Öppettider Valhallabadet");

        Assert.Contains("Vanliga öppettider: mån–fre 06.30–21.00, lör–sön 09.00–17.00.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("- Julafton, torsdag 24 december: stängt", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeAsked_SaysOpenOrClosedAtThatTime()
    {
        var reply = await Bot().SendAsync("Har Valhallabadet öppet kl 21.30 idag?");

        Assert.Contains("Klockan 21.30: stängt.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactCenter_VisitVerbAndDay_Answers()
    {
        var reply = await Bot().SendAsync("Kan jag ringa kontaktcenter på onsdag?");

        Assert.Equal("facility:kontaktcenter", reply.Decision!.AnswerId);
        Assert.Contains("Imorgon, onsdag 23 december: 08.00–17.00", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Var ligger Valhallabadet?")]
    [InlineData("Hur länge får man låna en bok på biblioteket?")]
    [InlineData("Stängde simhallarna under pandemin?")]
    [InlineData("Var återvinningscentralerna begränsade under pandemin?")]
    [InlineData("Vad kostar det att bada på Valhallabadet på lördag?")]
    [InlineData("Is the sports centre open today?")]
    public async Task NotAnOpeningHoursQuestion_GoesToTheKnowledgeBase(string text)
    {
        var reply = await Bot().SendAsync(text);

        Assert.False(reply.Decision!.AnswerId?.StartsWith("facilit", StringComparison.Ordinal) == true, reply.Decision.AnswerId);
    }
}
