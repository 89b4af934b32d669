using System.Text.Json;
using Dialogs.Main;
using Dialogs.Protocol;
using Knowledge;

namespace Dialogs.Tests;

/// <summary>The resident's language: chosen in the widget or by name, detected per message, and the reply for languages we do not serve.</summary>
public class LanguageTests
{
    private static Activity Choose(string code) =>
        new() { Type = ActivityTypes.Event, Name = LanguageChoice.EventName, Value = JsonSerializer.SerializeToElement(code) };

    private static string? LanguageOf(Activity reply) =>
        reply.ChannelData is { } data && data.TryGetProperty("language", out var language) ? language.GetString() : null;

    [Theory]
    [InlineData("fi", "fi-FI", "Kirjoitan nyt suomeksi")]
    [InlineData("ar", "ar", "سأكتب الآن بالعربية")]
    [InlineData("fa", "fa-IR", "به فارسی می‌نویسم")]
    [InlineData("so", "so-SO", "Soomaali ayaan ku qorayaa")]
    [InlineData("sv-easy", "sv-SE", "lättläst svenska")]
    public async Task ChoosingALanguage_InTheWidget_IsConfirmedInThatLanguage(string code, string locale, string expected)
    {
        var bot = new BotTester();

        var reply = Assert.Single((await bot.SendAsync(Choose(code))).Messages);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(locale, reply.Locale);
        Assert.Equal(code, LanguageOf(reply));
        Assert.Equal(code, (await bot.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken))!.Language);
        Assert.Equal(Messages.WelcomeTopics.Select(t => t.For(LanguageCodes.FromCode(code))).Append(LanguageChoice.MenuButton),
            reply.SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task TheLanguageMenu_OffersAllSevenLanguages_AndAPressedNameSwitches()
    {
        var bot = new BotTester();

        var menu = await bot.SendAsync(LanguageChoice.MenuButton);
        Assert.Equal(["Svenska", "English", "Suomi", "العربية", "فارسی", "Soomaali", "Lättläst svenska"], menu.Buttons);

        var switched = await bot.SendAsync("Suomi");
        Assert.Contains("suomeksi", switched.Text, StringComparison.Ordinal);
        Assert.Equal("fi", switched.Decision!.Language);
    }

    [Fact]
    public async Task TheWelcome_OffersTheLanguageMenu()
    {
        var bot = new BotTester();

        var welcome = await bot.SendAsync(new Activity { Type = ActivityTypes.Event, Name = ClientEventNames.WebChatJoin, Locale = "sv-SE" });

        Assert.Contains(LanguageChoice.MenuButton, welcome.Buttons);
    }

    [Theory]
    [InlineData("Wo bekomme ich einen Bibliotheksausweis? Ich wohne in Göteborg.")]
    [InlineData("Где можно получить читательский билет в Гётеборге?")]
    public async Task AMessageInALanguageWeDoNotServe_GetsTheLanguagesWeServe_ThePhoneAnd112_InSwedishAndEnglish(string text)
    {
        var bot = new BotTester();

        var reply = await bot.SendAsync(text);

        Assert.Contains("svenska, engelska, finska, arabiska, persiska och somaliska", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Swedish, English, Finnish, Arabic, Persian and Somali", reply.Text, StringComparison.Ordinal);
        Assert.Contains("031-365 00 00", reply.Text, StringComparison.Ordinal);
        Assert.Contains("112", reply.Text, StringComparison.Ordinal);
        Assert.Contains(LanguageChoice.MenuButton, reply.Buttons);
        Assert.Equal(Outcomes.Fallback, reply.Outcome);
    }

    [Fact]
    public async Task EasySwedish_AnswersASwedishQuestionWithTheEasyText_AndSaysNobodyHasReviewedIt()
    {
        var bot = new BotTester();
        await bot.SendAsync(Choose("sv-easy"));

        var reply = await bot.SendAsync("Hur skaffar jag ett bibliotekskort?");

        Assert.Equal(Outcomes.Answer, reply.Outcome);
        var entry = BotTester.Provider.Current.Knowledge.Find(reply.Decision!.AnswerId!)!;
        Assert.Contains(entry.Answer.For(Language.EasySwedish)[..40], reply.Text, StringComparison.Ordinal);
        Assert.Contains("Ingen har granskat texten än", reply.Text, StringComparison.Ordinal);
        Assert.Contains($"]({entry.Source})", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sv-easy", reply.Decision.Language);
    }

    [Fact]
    public async Task AFormButtonPressedInFinnish_WorksLikeTheSwedishButton()
    {
        var bot = new BotTester(faultReports: new MemoryFaultReportStore());
        var form = await bot.SendAsync("Gatlampan utanför Götabergsgatan 20 är trasig.");
        Assert.Equal(Outcomes.Form, form.Outcome);
        await bot.SendAsync(Choose("fi"));

        var cancelled = await bot.SendAsync("Peruuta");

        Assert.Contains("peruutin vikailmoituksen", cancelled.Text, StringComparison.Ordinal);
        Assert.Null((await bot.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken))!.FaultReport);
    }
}
