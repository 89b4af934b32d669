using Knowledge.Calendar;
using Knowledge.Content;
using Knowledge.Facilities;

namespace Knowledge.Tests;

public class OpeningHoursTests
{
    private static readonly FacilityCatalog Catalog = ContentLoader.Load(ContentFolder.Shipped()).Knowledge!.Facilities;

    private static OpeningDay On(string id, string date) =>
        Catalog.On(Catalog.Find(id)!, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ShippedFacilities_AreLoadedAndMarkedAsSamples()
    {
        Assert.True(Catalog.Sample);
        Assert.True(Catalog.Facilities.Count >= 13);
        Assert.Equal(["contact_center", "library", "pool", "recycling"], Catalog.Kinds.Select(k => k.Id).Order(StringComparer.Ordinal));
        Assert.All(Catalog.Facilities, f => Assert.StartsWith("https://", f.Source, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stadsbiblioteket", "2026-12-22", "10:00", "20:00", OpeningBasis.Regular)]        // Tuesday
    [InlineData("stadsbiblioteket", "2026-12-27", "11:00", "17:00", OpeningBasis.Regular)]        // Sunday
    [InlineData("stadsbiblioteket", "2027-01-05", "10:00", "15:00", OpeningBasis.DayBeforeHoliday)] // trettondagsafton
    [InlineData("kontaktcenter", "2026-04-30", "08:00", "13:00", OpeningBasis.DayBeforeHoliday)]   // valborg
    [InlineData("kontaktcenter", "2026-12-23", "08:00", "17:00", OpeningBasis.Regular)]
    [InlineData("valhallabadet", "2026-12-26", "09:00", "17:00", OpeningBasis.HolidayWeekendHours)] // annandag jul
    [InlineData("hogsbo-avc", "2026-04-06", "09:00", "16:00", OpeningBasis.HolidayWeekendHours)]    // annandag påsk
    [InlineData("hogsbo-avc", "2026-12-23", "12:00", "19:00", OpeningBasis.Regular)]
    public void On_OpenDays(string id, string date, string opens, string closes, OpeningBasis basis)
    {
        var day = On(id, date);
        Assert.Equal(new TimeRange(TimeOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture)), day.Hours);
        Assert.Equal(basis, day.Basis);
    }

    [Theory]
    [InlineData("stadsbiblioteket", "2026-12-24", OpeningBasis.Holiday)]      // julafton
    [InlineData("stadsbiblioteket", "2026-12-28", OpeningBasis.Exception)]    // inventering
    [InlineData("stadsbiblioteket", "2026-06-06", OpeningBasis.Holiday)]      // nationaldagen
    [InlineData("majornas-bibliotek", "2026-12-27", OpeningBasis.ClosedWeekday)]
    [InlineData("lundbybadet", "2026-12-31", OpeningBasis.Holiday)]
    [InlineData("alelyckan", "2026-12-25", OpeningBasis.Holiday)]
    [InlineData("alelyckan", "2026-04-03", OpeningBasis.Holiday)]             // långfredagen
    [InlineData("kontaktcenter", "2026-06-19", OpeningBasis.Holiday)]         // midsommarafton
    [InlineData("kontaktcenter", "2026-12-26", OpeningBasis.Holiday)]
    [InlineData("frolundabadet", "2026-12-22", OpeningBasis.TemporaryClosure)]
    public void On_ClosedDays(string id, string date, OpeningBasis basis)
    {
        var day = On(id, date);
        Assert.Null(day.Hours);
        Assert.Equal(basis, day.Basis);
    }

    [Fact]
    public void On_Exception_CarriesItsReason()
    {
        Assert.Equal("inventering", On("stadsbiblioteket", "2026-12-28").Reason!.Sv);
    }

    [Fact]
    public void Library_IsClosedOnEveryPublicHolidayAndEve_ForManyYears()
    {
        var library = Catalog.Find("stadsbiblioteket")!;
        for (var year = 2020; year <= 2060; year++)
        {
            foreach (var holiday in SwedishHolidays.For(year).Where(h => h.Kind == HolidayKind.PublicHoliday || h.Name is "julafton" or "nyårsafton" or "midsommarafton"))
            {
                Assert.Null(Catalog.On(library, holiday.Date).Hours);
            }
        }
    }

    [Fact]
    public void ContactCenterHours_ComeFromTheFacilityData()
    {
        var knowledge = ContentLoader.Load(ContentFolder.Shipped()).Knowledge!;
        var hours = ContactCenterHours.For(knowledge);
        var stockholm = TimeSpan.FromHours(1);
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 12, 22, 16, 59, 0, stockholm)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 22, 17, 0, 0, stockholm)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 24, 10, 0, 0, stockholm)));
        Assert.Equal(new TimeOnly(13, 0), hours.ClosingTime(new DateOnly(2027, 1, 5)));
        // Friday evening before Christmas 2026: next opening is Monday 28 December at 08.
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 8, 0, 0, stockholm), hours.NextOpening(new DateTimeOffset(2026, 12, 23, 18, 0, 0, stockholm)));
    }

    [Fact]
    public void ContactCenterHours_FollowEditedContent()
    {
        var root = CopyShipped(text => text.Replace("hours: { mon-fri: \"08:00-17:00\", sat-sun: closed }", "hours: { mon-fri: \"09:00-16:00\", sat: \"10:00-14:00\", sun: closed }", StringComparison.Ordinal));
        var hours = ContactCenterHours.For(ContentLoader.Load(root).Knowledge!);
        Assert.Equal(new TimeOnly(16, 0), hours.ClosingTime(new DateOnly(2026, 12, 22)));
        Assert.Equal(new TimeOnly(14, 0), hours.ClosingTime(new DateOnly(2026, 12, 19)));
    }

    [Fact]
    public void Load_FacilityMistakes_AreReportedWithFileAndLine()
    {
        var root = CopyShipped(text => text
            .Replace("hours: { mon-fri: \"10:00-20:00\", sat-sun: \"11:00-17:00\" }", "hours: { mon-fri: \"20:00-10:00\", sat-sun: \"11:00-17:00\" }", StringComparison.Ordinal)
            .Replace("kind: recycling\n    address: Lärjegatan", "kind: recycle\n    address: Lärjegatan", StringComparison.Ordinal)
            .Replace("closed_on: [julafton, juldagen, nyårsafton, nyårsdagen, midsommarafton, midsommardagen]", "closed_on: [julafton, juldag]", StringComparison.Ordinal)
            .Replace("hours: { mon-thu: \"10:00-19:00\", fri: \"10:00-17:00\", sat: \"11:00-15:00\", sun: closed }\n  - id: lundby", "hours: { mon-thu: \"10:00-19:00\", sat: \"11:00-15:00\", sun: closed }\n  - id: lundby", StringComparison.Ordinal));

        var result = ContentLoader.Load(root);

        Assert.Null(result.Knowledge);
        var problems = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("facilities.yaml:", StringComparison.Ordinal) && p.Contains("opening before closing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the kind `recycle`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("`juldag` in `closed_on`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must cover every day of the week", StringComparison.Ordinal));
        Assert.All(result.Problems.Where(p => p.File == "facilities.yaml"), p => Assert.True(p.Line > 1));
    }

    private static string CopyShipped(Func<string, string> edit)
    {
        var shipped = ContentFolder.Shipped();
        var files = new Dictionary<string, string>
        {
            ["topics.yaml"] = File.ReadAllText(Path.Combine(shipped, "topics.yaml")),
            ["entries/bibliotek.yaml"] = File.ReadAllText(Path.Combine(shipped, "entries", "bibliotek.yaml")),
            ["facilities.yaml"] = edit(File.ReadAllText(Path.Combine(shipped, "facilities.yaml"))),
        };
        return ContentFolder.Create(files);
    }
}
