using System.Globalization;
using Dialogs.Dates;
using Knowledge.Calendar;

namespace Dialogs.Tests;

public class DateRecognizerTests
{
    /// <summary>Tuesday 22 December 2026.</summary>
    private static readonly DateOnly Today = new(2026, 12, 22);

    private static DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Har ni öppet idag?", "2026-12-22", "2026-12-22")]
    [InlineData("har ni öppet i dag", "2026-12-22", "2026-12-22")]
    [InlineData("Är det öppet imorgon?", "2026-12-23", "2026-12-23")]
    [InlineData("öppet i morgon?", "2026-12-23", "2026-12-23")]
    [InlineData("Öppet i övermorgon?", "2026-12-24", "2026-12-24")]
    [InlineData("oppet i overmorgon", "2026-12-24", "2026-12-24")]
    [InlineData("Har de öppet ikväll?", "2026-12-22", "2026-12-22")]
    [InlineData("Var det öppet igår?", "2026-12-21", "2026-12-21")]
    [InlineData("Öppet i helgen?", "2026-12-26", "2026-12-27")]
    [InlineData("Öppet på lördag?", "2026-12-26", "2026-12-26")]
    [InlineData("har ni öppet på lordag", "2026-12-26", "2026-12-26")]
    [InlineData("Öppet på fredag?", "2026-12-25", "2026-12-25")]
    [InlineData("Öppet på tisdag?", "2026-12-22", "2026-12-22")]
    [InlineData("Har ni öppet nästa fredag?", "2027-01-01", "2027-01-01")]
    [InlineData("Var det öppet i lördags?", "2026-12-19", "2026-12-19")]
    [InlineData("Öppet om två veckor?", "2027-01-05", "2027-01-05")]
    [InlineData("Öppet om 3 dagar?", "2026-12-25", "2026-12-25")]
    [InlineData("Öppet nästa vecka?", "2026-12-28", "2027-01-03")]
    [InlineData("Öppet den 24 december?", "2026-12-24", "2026-12-24")]
    [InlineData("Öppet 24/12?", "2026-12-24", "2026-12-24")]
    [InlineData("Öppet 24/12 2027?", "2027-12-24", "2027-12-24")]
    [InlineData("Öppet den 6:e januari?", "2027-01-06", "2027-01-06")]
    [InlineData("Öppet 2027-03-01?", "2027-03-01", "2027-03-01")]
    [InlineData("Öppet på julafton?", "2026-12-24", "2026-12-24")]
    [InlineData("Öppet på juldagen?", "2026-12-25", "2026-12-25")]
    [InlineData("Öppet på annandag jul?", "2026-12-26", "2026-12-26")]
    [InlineData("Öppet på nyårsafton?", "2026-12-31", "2026-12-31")]
    [InlineData("oppet pa nyarsafton", "2026-12-31", "2026-12-31")]
    [InlineData("Öppet på nyårsdagen?", "2027-01-01", "2027-01-01")]
    [InlineData("Öppet på trettondagsafton?", "2027-01-05", "2027-01-05")]
    [InlineData("Öppet under påsk?", "2027-03-26", "2027-03-29")]
    [InlineData("Öppet på långfredagen?", "2027-03-26", "2027-03-26")]
    [InlineData("Öppet på midsommarafton?", "2027-06-25", "2027-06-25")]
    [InlineData("Öppet på midsommar?", "2027-06-25", "2027-06-26")]
    [InlineData("Öppet på valborg?", "2027-04-30", "2027-04-30")]
    [InlineData("Öppet på nationaldagen?", "2027-06-06", "2027-06-06")]
    [InlineData("Öppet på Kristi himmelsfärdsdag?", "2027-05-06", "2027-05-06")]
    [InlineData("Öppet i jul?", "2026-12-24", "2026-12-26")]
    [InlineData("Hur många fick vara med på en begravning i januari 2021?", "2021-01-01", "2021-01-31")]
    [InlineData("Vad gällde i julas?", "2025-12-24", "2025-12-26")]
    [InlineData("Vad gällde förra vintern?", "2025-12-01", "2026-02-28")]
    [InlineData("Vad gällde i vintras?", "2025-12-01", "2026-02-28")]
    [InlineData("Vad gällde hösten 2021?", "2021-09-01", "2021-11-30")]
    [InlineData("Vad gällde våren 2020?", "2020-03-01", "2020-05-31")]
    [InlineData("Vad gällde 2021?", "2021-01-01", "2021-12-31")]
    [InlineData("Vad gällde den 24 december 2020?", "2020-12-24", "2020-12-24")]
    [InlineData("Vad gällde julafton 2020?", "2020-12-24", "2020-12-24")]
    [InlineData("Vad gällde i påskas?", "2026-04-03", "2026-04-06")]
    [InlineData("Öppet i januari?", "2027-01-01", "2027-01-31")]
    [InlineData("Har ni öppet mellan jul och nyår?", "2026-12-24", "2027-01-01")]
    [InlineData("Öppet från den 28 december till den 30 december?", "2026-12-28", "2026-12-30")]
    [InlineData("Is it open today?", "2026-12-22", "2026-12-22")]
    [InlineData("Open between Christmas and New Year?", "2026-12-24", "2027-01-01")]
    [InlineData("Is it open tomorrow?", "2026-12-23", "2026-12-23")]
    [InlineData("Open the day after tomorrow?", "2026-12-24", "2026-12-24")]
    [InlineData("Open this weekend?", "2026-12-26", "2026-12-27")]
    [InlineData("Open on Saturday?", "2026-12-26", "2026-12-26")]
    [InlineData("Open next Friday?", "2027-01-01", "2027-01-01")]
    [InlineData("Open in two weeks?", "2027-01-05", "2027-01-05")]
    [InlineData("Open on 24 December?", "2026-12-24", "2026-12-24")]
    [InlineData("Open on December 24th?", "2026-12-24", "2026-12-24")]
    [InlineData("Open on the 6th of January?", "2027-01-06", "2027-01-06")]
    [InlineData("Open on Christmas Eve?", "2026-12-24", "2026-12-24")]
    [InlineData("Open on Christmas Day?", "2026-12-25", "2026-12-25")]
    [InlineData("Is Lundbybadet open on New Year's Eve?", "2026-12-31", "2026-12-31")]
    [InlineData("Open at Easter?", "2027-03-26", "2027-03-29")]
    [InlineData("Open on Midsummer Eve?", "2027-06-25", "2027-06-25")]
    [InlineData("What applied in January 2021?", "2021-01-01", "2021-01-31")]
    [InlineData("What applied last Christmas?", "2025-12-24", "2025-12-26")]
    [InlineData("What applied last winter?", "2025-12-01", "2026-02-28")]
    [InlineData("What applied in the spring of 2020?", "2020-03-01", "2020-05-31")]
    public void Asked_ResolvesTheDays(string text, string from, string to)
    {
        var asked = DateRecognizer.Asked(text, Today);

        Assert.NotNull(asked);
        Assert.True(asked.HasDate);
        Assert.Equal((D(from), D(to)), (asked.From, asked.To));
    }

    [Theory]
    [InlineData("Har de öppet kl 18?", 18, 0)]
    [InlineData("öppet kl. 9.30", 9, 30)]
    [InlineData("öppet klockan 20", 20, 0)]
    [InlineData("öppet 18:45?", 18, 45)]
    [InlineData("Kan jag komma halv sju?", 18, 30)]
    [InlineData("Kan jag komma halv sju på morgonen?", 6, 30)]
    [InlineData("Kan jag komma halv åtta?", 7, 30)]
    [InlineData("öppet kvart över tre?", 15, 15)]
    [InlineData("öppet kvart i fem?", 16, 45)]
    [InlineData("Open at 6 pm?", 18, 0)]
    [InlineData("Open at 7?", 7, 0)]
    [InlineData("Open at half past six?", 18, 30)]
    public void Asked_ResolvesTheTime(string text, int hour, int minute)
    {
        var asked = DateRecognizer.Asked(text, Today);

        Assert.NotNull(asked);
        Assert.Equal(new TimeOnly(hour, minute), asked.Time);
    }

    [Fact]
    public void Asked_DateAndTime_Combine()
    {
        var asked = DateRecognizer.Asked("Har Valhallabadet öppet imorgon kl 20?", Today)!;

        Assert.Equal((new DateOnly(2026, 12, 23), new TimeOnly(20, 0)), (asked.From, asked.Time));
    }

    [Theory]
    [InlineData("Var ligger Valhallabadet?")]
    [InlineData("Gäller åttagränsen fortfarande?")]
    [InlineData("Hur länge får man låna en bok på biblioteket?")]
    [InlineData("Vilket telefonnummer har kontaktcenter? 031-365 00 00")]
    [InlineData("Jag bor i Majorna")]
    [InlineData("Var kan jag lämna julgranen?")]
    [InlineData("Måste jag skotta trottoaren?")]
    public void Asked_NoDate_IsNull(string text)
    {
        Assert.Null(DateRecognizer.Asked(text, Today));
    }

    [Fact]
    public void Recognize_AfterChristmas_JulaftonIsNextYearAndIJulasIsThisYear()
    {
        var after = new DateOnly(2026, 12, 27);

        Assert.Equal(new DateOnly(2027, 12, 24), DateRecognizer.Asked("julafton", after)!.From);
        Assert.Equal(new DateOnly(2026, 12, 24), DateRecognizer.Asked("i julas", after)!.From);
    }

    [Fact]
    public void Recognize_OnTheDayItself_IsToday()
    {
        var christmasEve = new DateOnly(2026, 12, 24);

        Assert.Equal(christmasEve, DateRecognizer.Asked("Har ni öppet på julafton?", christmasEve)!.From);
        Assert.Equal(christmasEve, DateRecognizer.Asked("Har ni öppet på torsdag?", christmasEve)!.From);
    }

    [Fact]
    public void Recognize_HolidaysWithAYear_MatchTheCalendar_ForManyYears()
    {
        for (var year = 1990; year <= 2099; year++)
        {
            var days = SwedishHolidays.For(year).ToDictionary(h => h.Name, h => h.Date);
            var easter = SwedishHolidays.EasterSunday(year);
            Assert.Equal(easter.AddDays(-2), DateRecognizer.Asked($"påsk {year}", Today)!.From);
            Assert.Equal(easter.AddDays(1), DateRecognizer.Asked($"påsk {year}", Today)!.To);
            Assert.Equal(days["midsommarafton"], DateRecognizer.Asked($"midsommarafton {year}", Today)!.From);
            Assert.Equal(days["Kristi himmelsfärdsdag"], DateRecognizer.Asked($"Kristi himmelsfärdsdag {year}", Today)!.From);
            Assert.Equal(days["alla helgons dag"], DateRecognizer.Asked($"alla helgons dag {year}", Today)!.From);
            Assert.Equal(days["pingstdagen"], DateRecognizer.Asked($"pingst {year}", Today)!.From);
            Assert.Equal(new DateOnly(year, 12, 24), DateRecognizer.Asked($"julafton {year}", Today)!.From);
        }
    }

    [Fact]
    public void Recognize_WithoutYear_IsTheNextOccurrence_ThroughAWholeYear()
    {
        for (var today = new DateOnly(2027, 1, 1); today.Year == 2027; today = today.AddDays(1))
        {
            var midsummer = DateRecognizer.Asked("midsommarafton", today)!.From;
            Assert.True(midsummer >= today && midsummer <= today.AddDays(366));
            Assert.Equal(DayOfWeek.Friday, midsummer.DayOfWeek);
            var saturday = DateRecognizer.Asked("på lördag", today)!.From;
            Assert.Equal(DayOfWeek.Saturday, saturday.DayOfWeek);
            Assert.InRange(saturday.DayNumber - today.DayNumber, 0, 6);
            var nextFriday = DateRecognizer.Asked("nästa fredag", today)!.From;
            Assert.Equal(DayOfWeek.Friday, nextFriday.DayOfWeek);
            Assert.InRange(nextFriday.DayNumber - today.DayNumber, 4, 11);
            var weekend = DateRecognizer.Asked("i helgen", today)!;
            Assert.Equal(DayOfWeek.Sunday, weekend.To.DayOfWeek);
            Assert.InRange(weekend.To.DayNumber - today.DayNumber, 0, 6);
        }
    }

    [Fact]
    public void Without_RemovesTheDateExpressions()
    {
        Assert.Equal("Har Stadsbiblioteket öppet  ?", DateRecognizer.Without("Har Stadsbiblioteket öppet på julafton?", Today));
    }
}
