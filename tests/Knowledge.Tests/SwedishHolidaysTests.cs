using Knowledge.Calendar;

namespace Knowledge.Tests;

public class SwedishHolidaysTests
{
    [Theory]
    [InlineData(1900, 4, 15)]
    [InlineData(1950, 4, 9)]
    [InlineData(1961, 4, 2)]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2020, 4, 12)]
    [InlineData(2021, 4, 4)]
    [InlineData(2022, 4, 17)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2035, 3, 25)]
    [InlineData(2038, 4, 25)]
    [InlineData(2100, 3, 28)]
    public void EasterSunday_KnownYears(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), SwedishHolidays.EasterSunday(year));
    }

    [Fact]
    public void EasterSunday_AgreesWithGaussAlgorithm_From1583To4099()
    {
        for (var year = 1583; year <= 4099; year++)
        {
            Assert.Equal(GaussEaster(year), SwedishHolidays.EasterSunday(year));
        }
    }

    [Fact]
    public void For_EveryYear1900To2200_HasTheRightWeekdaysAndOffsets()
    {
        for (var year = 1900; year <= 2200; year++)
        {
            var days = SwedishHolidays.For(year).ToDictionary(h => h.Name, h => h.Date);
            var easter = SwedishHolidays.EasterSunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
            Assert.Equal(DayOfWeek.Friday, days["långfredagen"].DayOfWeek);
            Assert.Equal(DayOfWeek.Thursday, days["skärtorsdagen"].DayOfWeek);
            Assert.Equal(DayOfWeek.Monday, days["annandag påsk"].DayOfWeek);
            Assert.Equal(DayOfWeek.Thursday, days["Kristi himmelsfärdsdag"].DayOfWeek);
            Assert.Equal(easter.AddDays(39), days["Kristi himmelsfärdsdag"]);
            Assert.Equal(DayOfWeek.Sunday, days["pingstdagen"].DayOfWeek);
            Assert.Equal(easter.AddDays(49), days["pingstdagen"]);
            Assert.Equal(DayOfWeek.Friday, days["midsommarafton"].DayOfWeek);
            Assert.InRange(days["midsommarafton"], new DateOnly(year, 6, 19), new DateOnly(year, 6, 25));
            Assert.Equal(DayOfWeek.Saturday, days["midsommardagen"].DayOfWeek);
            Assert.Equal(DayOfWeek.Saturday, days["alla helgons dag"].DayOfWeek);
            Assert.InRange(days["alla helgons dag"], new DateOnly(year, 10, 31), new DateOnly(year, 11, 6));
            Assert.Equal(days["alla helgons dag"].AddDays(-1), days["allhelgonaafton"]);
            Assert.Equal(new DateOnly(year, 12, 24), days["julafton"]);
            Assert.Equal(new DateOnly(year, 12, 31), days["nyårsafton"]);
            Assert.Equal(new DateOnly(year, 6, 6), days["Sveriges nationaldag"]);
            Assert.Equal(new DateOnly(year, 1, 5), days["trettondagsafton"]);
            Assert.Equal(13, SwedishHolidays.For(year).Count(h => h.Kind == HolidayKind.PublicHoliday));
            Assert.Equal(5, SwedishHolidays.For(year).Count(h => h.Kind == HolidayKind.DayBeforeHoliday));
        }
    }

    [Theory]
    [InlineData("2024-06-21", "midsommarafton")]
    [InlineData("2025-06-20", "midsommarafton")]
    [InlineData("2026-06-19", "midsommarafton")]
    [InlineData("2024-11-02", "alla helgons dag")]
    [InlineData("2025-11-01", "alla helgons dag")]
    [InlineData("2026-10-31", "alla helgons dag")]
    [InlineData("2025-05-29", "Kristi himmelsfärdsdag")]
    [InlineData("2026-05-14", "Kristi himmelsfärdsdag")]
    [InlineData("2026-05-13", "dagen före Kristi himmelsfärdsdag")]
    [InlineData("2026-04-03", "långfredagen")]
    [InlineData("2026-04-30", "valborgsmässoafton")]
    public void On_KnownDates(string date, string name)
    {
        Assert.Contains(SwedishHolidays.On(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), h => h.Name == name);
    }

    /// <summary>Gauss's Easter algorithm with its two exceptions, as an independent check.</summary>
    private static DateOnly GaussEaster(int year)
    {
        var a = year % 19;
        var b = year % 4;
        var c = year % 7;
        var k = year / 100;
        var p = (13 + (8 * k)) / 25;
        var q = k / 4;
        var m = (15 - p + k - q) % 30;
        var n = (4 + k - q) % 7;
        var d = ((19 * a) + m) % 30;
        var e = ((2 * b) + (4 * c) + (6 * d) + n) % 7;
        if (d == 29 && e == 6)
        {
            return new DateOnly(year, 4, 19);
        }
        if (d == 28 && e == 6 && ((11 * m) + 11) % 30 < 19)
        {
            return new DateOnly(year, 4, 18);
        }
        return new DateOnly(year, 3, 22).AddDays(d + e);
    }
}
