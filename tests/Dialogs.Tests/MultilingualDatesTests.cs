using System.Globalization;
using Dialogs.Dates;
using Dialogs.Main;
using Knowledge;
using Microsoft.Extensions.Time.Testing;

namespace Dialogs.Tests;

/// <summary>
/// Dates and opening hours in Finnish, Arabic, Persian, Somali and easy Swedish: the date words are
/// recognized, and the answer names days, months, holidays, times and the facility texts in the
/// resident's language (issue 14).
/// </summary>
public class MultilingualDatesTests
{
    /// <summary>Tuesday 22 December 2026.</summary>
    private static readonly DateOnly Today = new(2026, 12, 22);

    private static BotTester Bot() =>
        new(new FakeTimeProvider(new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.FromHours(1))));

    private static DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("onko Stadsbiblioteket auki huomenna?", "2026-12-23", "2026-12-23")]
    [InlineData("entä ylihuomenna", "2026-12-24", "2026-12-24")]
    [InlineData("oliko auki eilen", "2026-12-21", "2026-12-21")]
    [InlineData("onko auki tänään", "2026-12-22", "2026-12-22")]
    [InlineData("onko kirjasto auki lauantaina?", "2026-12-26", "2026-12-26")]
    [InlineData("onko auki ensi maanantaina", "2026-12-28", "2026-12-28")]
    [InlineData("aukioloajat viikonloppuna", "2026-12-26", "2026-12-27")]
    [InlineData("onko auki 24. joulukuuta", "2026-12-24", "2026-12-24")]
    [InlineData("onko auki 6.1.", "2027-01-06", "2027-01-06")]
    [InlineData("mitä rajoituksia oli joulukuussa 2020", "2020-12-01", "2020-12-31")]
    [InlineData("onko auki ensi viikolla", "2026-12-28", "2027-01-03")]
    [InlineData("هل المكتبة مفتوحة غدا؟", "2026-12-23", "2026-12-23")]
    [InlineData("هل المكتبة مفتوحة غداً؟", "2026-12-23", "2026-12-23")]
    [InlineData("هل المسبح مفتوح بعد غد؟", "2026-12-24", "2026-12-24")]
    [InlineData("هل المكتبة مفتوحة يوم السبت؟", "2026-12-26", "2026-12-26")]
    [InlineData("هل كانت مفتوحة أمس؟", "2026-12-21", "2026-12-21")]
    [InlineData("ما القواعد في 24 ديسمبر 2020؟", "2020-12-24", "2020-12-24")]
    [InlineData("کتابخانه فردا باز است؟", "2026-12-23", "2026-12-23")]
    [InlineData("استخر پس‌فردا باز است؟", "2026-12-24", "2026-12-24")]
    [InlineData("کتابخانه سه‌شنبه باز است؟", "2026-12-22", "2026-12-22")]
    [InlineData("کتابخانه شنبه باز است؟", "2026-12-26", "2026-12-26")]
    [InlineData("کتابخانه یکشنبه باز است؟", "2026-12-27", "2026-12-27")]
    [InlineData("۲۴ دسامبر باز است؟", "2026-12-24", "2026-12-24")]
    [InlineData("maktabadda ma furan tahay berri?", "2026-12-23", "2026-12-23")]
    [InlineData("barkadda ma furan tahay maanta?", "2026-12-22", "2026-12-22")]
    [InlineData("maktabadda ma furan tahay sabtida?", "2026-12-26", "2026-12-26")]
    [InlineData("ma furnayd shalay?", "2026-12-21", "2026-12-21")]
    [InlineData("ma furan tahay 24 Diseembar?", "2026-12-24", "2026-12-24")]
    public void OtherLanguages_DateWordsAreRecognized(string text, string from, string to)
    {
        var asked = DateRecognizer.Asked(text, Today);

        Assert.NotNull(asked);
        Assert.True(asked.HasDate, text);
        Assert.Equal(D(from), asked.From);
        Assert.Equal(D(to), asked.To);
    }

    [Theory]
    [InlineData("onko auki jouluaattona?", "2026-12-24")]
    [InlineData("onko kirjasto auki loppiaisaattona?", "2027-01-05")]
    [InlineData("هل المكتبة مفتوحة في عشية عيد الميلاد؟", "2026-12-24")]
    [InlineData("کتابخانه در شب کریسمس باز است؟", "2026-12-24")]
    [InlineData("ma furan tahay maalinta ka horraysa Kirismaska?", "2026-12-24")]
    public void Holidays_AreRecognizedByTheirNamesInMessagesYaml(string text, string day)
    {
        _ = BotTester.Provider; // loads the content, and with it messages.yaml
        var asked = DateRecognizer.Asked(text, Today);

        Assert.NotNull(asked);
        Assert.Equal(D(day), asked.From);
        Assert.Equal(D(day), asked.To);
    }

    [Fact]
    public void Persian_SaturdayInsideSundayAndTuesday_IsNotADate()
    {
        // "شنبه" (Saturday) inside "یکشنبه" (Sunday) and "سه‌شنبه" (Tuesday) is not a second date.
        var mentions = DateRecognizer.Recognize("یکشنبه یا سه‌شنبه", Today);

        Assert.Equal([D("2026-12-27"), D("2026-12-22")], mentions.Select(m => m.From));
    }

    [Fact]
    public async Task Finnish_OpenTomorrow_NamesTheDayAndHoursInFinnish()
    {
        var reply = await Bot().SendAsync("onko Stadsbiblioteket auki huomenna?", "fi-FI");

        Assert.Equal(Outcomes.Answer, reply.Outcome);
        Assert.Equal("facility:stadsbiblioteket", reply.Decision!.AnswerId);
        Assert.Contains("Huomenna, keskiviikko 23. joulukuuta: 10.00–20.00", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Lainat voi palauttaa vuorokauden ympäri.", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("onsdag", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("هل المكتبة مفتوحة غدا؟", "ar", "الأربعاء 23 ديسمبر", "المكتبات")]
    [InlineData("کتابخانه فردا باز است؟", "fa-IR", "چهارشنبه 23 دسامبر", "کتابخانه‌ها")]
    [InlineData("maktabadda ma furan tahay berri?", "so-SO", "Arbaco 23 Diseembar", "Maktabadaha")]
    public async Task LibraryTomorrow_ListsTheLibrariesInTheResidentsLanguage(string question, string locale, string day, string kind)
    {
        var reply = await Bot().SendAsync(question, locale);

        Assert.Equal(Outcomes.Answer, reply.Outcome);
        Assert.Equal("facilities:library", reply.Decision!.AnswerId);
        Assert.Contains(day, reply.Text, StringComparison.Ordinal);
        Assert.Contains(kind, reply.Text, StringComparison.Ordinal);
        Assert.Contains("Stadsbiblioteket: 10:00–20:00", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bisha", reply.Text, StringComparison.Ordinal); // not Somali's "twelfth month" form
    }

    [Fact]
    public async Task Finnish_Holiday_IsNamedInFinnish()
    {
        var reply = await Bot().SendAsync("Onko Alelyckan auki joulupäivänä?", "fi-FI");

        Assert.Equal("facility:alelyckan", reply.Decision!.AnswerId);
        Assert.Contains("Joulupäivä, perjantai 25. joulukuuta: suljettu (pyhäpäivä)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_Closure_GivesTheReasonFromTheFacilityTexts()
    {
        var reply = await Bot().SendAsync("هل Frölundabadet مفتوح اليوم؟", "ar");

        Assert.Equal("facility:frolundabadet", reply.Decision!.AnswerId);
        Assert.Contains("مغلق حتى إشعار آخر: أعمال إعادة بناء.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PeriodAnswer_Finnish_NamesMonthsAndTheOpenPeriodInFinnish()
    {
        var entry = BotTester.Provider.Current.Knowledge.Find("covid-gatherings")!;

        var text = PeriodAnswer.Text(entry, "Mitä sääntöjä oli helmikuussa 2022?", Language.Finnish, new DateOnly(2026, 12, 3));

        Assert.StartsWith("Säännöt muuttuivat ajanjaksolla helmikuu 2022:", text, StringComparison.Ordinal);
        Assert.Contains("- 1. joulukuuta 2021 – 8. helmikuuta 2022: ", text, StringComparison.Ordinal);
        Assert.Contains("- 9. helmikuuta 2022 alkaen: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PeriodAnswer_Arabic_OnADay_AndToday()
    {
        var entry = BotTester.Provider.Current.Knowledge.Find("covid-gatherings")!;

        var past = PeriodAnswer.Text(entry, "ما القواعد في 24 ديسمبر 2020؟", Language.Arabic, new DateOnly(2026, 12, 3));
        var now = PeriodAnswer.Text(entry, "ما القواعد الآن؟", Language.Arabic, new DateOnly(2026, 12, 3));

        Assert.StartsWith("هذا ما كان ساريًا في 24 ديسمبر 2020:", past, StringComparison.Ordinal);
        Assert.StartsWith("اليوم، 3 ديسمبر 2026:", now, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_UseWesternDigitsAndTheLanguagesClock()
    {
        var day = new DateOnly(2026, 12, 24);

        Assert.Equal("torstai 24. joulukuuta", LanguageFormats.WeekdayDayMonth(day, Language.Finnish));
        Assert.Equal("پنجشنبه 24 دسامبر", LanguageFormats.WeekdayDayMonth(day, Language.Persian));
        Assert.Equal("09.30", LanguageFormats.Clock(new TimeOnly(9, 30), Language.Finnish));
        Assert.Equal("09:30", LanguageFormats.Clock(new TimeOnly(9, 30), Language.Arabic));
        Assert.Equal("torsdag 24 december", LanguageFormats.WeekdayDayMonth(day, Language.EasySwedish));
    }
}
