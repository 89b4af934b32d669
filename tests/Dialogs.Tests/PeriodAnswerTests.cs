using Microsoft.Extensions.Time.Testing;

namespace Dialogs.Tests;

/// <summary>Rules that changed over time (COVID-19): the answer depends on the date the question is about.</summary>
public class PeriodAnswerTests
{
    private static BotTester Bot() =>
        new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1))));

    [Fact]
    public async Task PastMonth_GivesWhatAppliedThen_WithTheDateAndSource()
    {
        var reply = await Bot().SendAsync("Hur många fick gå på en begravning i januari 2021?");

        Assert.Equal("covid-funerals", reply.Decision!.AnswerId);
        Assert.StartsWith("Det här gällde januari 2021: Från 24 november 2020 fick högst 20 personer", reply.Text, StringComparison.Ordinal);
        Assert.Contains("[Källa:", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastDay_GivesThePeriodOfThatDay()
    {
        var reply = await Bot().SendAsync("Hur många fick samlas vid allmänna sammankomster den 1 april 2020?");

        Assert.StartsWith("Det här gällde 1 april 2020: Från 29 mars 2020 fick högst 50 personer", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastYear_ListsEveryChangeInIt()
    {
        var reply = await Bot().SendAsync("Hur många fick samlas vid allmänna sammankomster 2021?");

        Assert.StartsWith("Reglerna ändrades under 2021:\n- 24 november 2020 – 28 september 2021: Från 24 november 2020 fick högst 8 personer", reply.Text, StringComparison.Ordinal);
        Assert.Contains("- 29 september – 30 november 2021: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("högst 8", reply.Text, StringComparison.Ordinal);
        Assert.Contains("vaccinationsbevis", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeTheFirstRule_SaysThereWasNoneYet()
    {
        var reply = await Bot().SendAsync("Hur många fick samlas vid allmänna sammankomster i januari 2020?");

        Assert.StartsWith("Januari 2020 fanns ännu ingen sådan regel. Den första kom 12 mars 2020.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Now_NamesTodayAndThatTheRuleNoLongerApplies()
    {
        var reply = await Bot().SendAsync("Hur många fick gå på en begravning under covid-19?");

        Assert.StartsWith("I dag, 23 november 2026: I dag finns ingen gräns.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_PastMonth()
    {
        var reply = await Bot().SendAsync("How many people could attend a funeral in January 2021?", "en-US");

        Assert.Contains("This is what applied in January 2021: From 24 November 2020 funerals were limited to 20 people", reply.Text, StringComparison.Ordinal);
    }
}
