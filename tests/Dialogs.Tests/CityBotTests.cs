using Dialogs.Main;
using Dialogs.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Dialogs.Tests;

public class CityBotTests
{
    [Fact]
    public async Task ConversationUpdate_UserJoins_WelcomesOnceInSwedish()
    {
        var bot = new BotTester();
        var join = new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount { Id = "resident" }] };

        var first = await bot.SendAsync(join);
        var again = await bot.SendAsync(new Activity { Type = ActivityTypes.Event, Name = ClientEventNames.WebChatJoin });

        Assert.Contains("Göteborgs Stads chattbot", first.Text, StringComparison.Ordinal);
        Assert.Contains("personnummer", first.Text, StringComparison.Ordinal);
        Assert.NotEmpty(first.Buttons);
        Assert.Empty(again.Messages);
    }

    [Fact]
    public async Task WebChatJoin_EnglishLocale_WelcomesInEnglish()
    {
        var bot = new BotTester();

        var result = await bot.SendAsync(new Activity { Type = ActivityTypes.Event, Name = ClientEventNames.WebChatJoin, Locale = "en-US" });

        Assert.Contains("chatbot", result.Text, StringComparison.Ordinal);
        Assert.Contains("personal identity numbers", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hej!")]
    [InlineData("Tack för hjälpen!")]
    [InlineData("Vem är du?")]
    [InlineData("Är du en robot?")]
    [InlineData("Hello, how are you?")]
    public async Task SmallTalk_IsAnsweredWithoutHandoff(string text)
    {
        var result = await new BotTester().SendAsync(text);

        Assert.Equal(Outcomes.SmallTalk, result.Outcome);
        Assert.NotEmpty(result.Text);
    }

    [Fact]
    public async Task GreetingWithQuestion_AnswersTheQuestion()
    {
        var result = await new BotTester().SendAsync("Hej! Hur skaffar jag ett bibliotekskort?");

        Assert.Equal(Outcomes.Answer, result.Outcome);
        Assert.Contains("legitimation", result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Det brinner i trapphuset!")]
    [InlineData("Min pappa har fallit ihop och andas inte")]
    [InlineData("There is a fire in my kitchen, it is on fire!")]
    public async Task Emergency_AlwaysTellsToCall112(string text)
    {
        var result = await new BotTester().SendAsync(text);

        Assert.Equal(Outcomes.Emergency, result.Outcome);
        Assert.Contains("112", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfHarm_Gives112AndTheSuicidePreventionLine()
    {
        var result = await new BotTester().SendAsync("Jag vill inte leva längre, jag tänker ta livet av mig");

        Assert.Equal(Outcomes.Emergency, result.Outcome);
        Assert.Contains("112", result.Text, StringComparison.Ordinal);
        Assert.Contains("90101", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kan jag få prata med en människa?")]
    [InlineData("jag vill prata med en handläggare")]
    [InlineData("Kan någon ringa mig?")]
    [InlineData("I want to talk to a real person")]
    public async Task HumanRequest_IsAHandoffWithTheContactCenter(string text)
    {
        var result = await new BotTester().SendAsync(text);

        Assert.Equal(Outcomes.Handoff, result.Outcome);
        Assert.Contains(Messages.ContactPhone, result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnowledgeAnswer_HasSourceLinkAndTrace()
    {
        var result = await new BotTester().SendAsync("Vem ska skotta trottoaren utanför mitt hus?");

        Assert.Equal(Outcomes.Answer, result.Outcome);
        Assert.Contains("](https://", result.Text, StringComparison.Ordinal);
        var decision = result.Decision!;
        Assert.Equal("sv", decision.Language);
        Assert.NotNull(decision.AnswerId);
        Assert.InRange(decision.Confidence, 0.6, 1.0);
        Assert.NotEmpty(decision.Candidates);
        Assert.Equal(BotDecision.ValueType, result.Replies.Last().ValueType);
    }

    [Fact]
    public async Task EnglishQuestion_IsAnsweredInEnglish()
    {
        var result = await new BotTester().SendAsync("How do I get a library card?", "en-US");

        Assert.Equal(Outcomes.Answer, result.Outcome);
        Assert.Equal("en", result.Decision!.Language);
        Assert.Contains("Source", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfScope_IsDeclinedHonestly_AndTheSecondMissOffersAGuide()
    {
        var bot = new BotTester();

        var first = await bot.SendAsync("Kan du ge mig ett recept på köttbullar?");
        var second = await bot.SendAsync("Vem vann Melodifestivalen?");

        Assert.Equal(Outcomes.Fallback, first.Outcome);
        Assert.Contains(Messages.ContactPhone, first.Text, StringComparison.Ordinal);
        Assert.Equal(Outcomes.Handoff, second.Outcome);
    }

    [Fact]
    public async Task AnswerAfterMiss_ResetsTheMissCount()
    {
        var bot = new BotTester();

        await bot.SendAsync("Kan du ge mig ett recept på köttbullar?");
        await bot.SendAsync("Hur skaffar jag ett bibliotekskort?");
        var third = await bot.SendAsync("Vem vann Melodifestivalen?");

        Assert.Equal(Outcomes.Fallback, third.Outcome);
    }

    [Fact]
    public async Task ClickingAFollowupButton_AnswersThatEntry()
    {
        var bot = new BotTester();
        var provider = BotTester.Provider.Current;
        var entry = provider.Knowledge.Entries.First(e => e.Followups.Count > 0 && !e.Handoff);
        var followup = provider.Knowledge.Find(entry.Followups[0])!;

        var first = await bot.SendAsync(entry.Question);
        var second = await bot.SendAsync(first.Buttons[0]);

        Assert.Equal(followup.Question, first.Buttons[0]);
        Assert.Equal(followup.Id, second.Decision!.AnswerId);
        Assert.Equal(1.0, second.Decision.Confidence);
    }

    [Fact]
    public async Task PersonalCase_IsHandedOffNotAnswered()
    {
        var bot = new BotTester();
        var personal = BotTester.Provider.Current.Knowledge.Entries.First(e => e.Handoff);

        var result = await bot.SendAsync(personal.Question);

        Assert.Equal(Outcomes.Handoff, result.Outcome);
        Assert.Equal(personal.Id, result.Decision!.AnswerId);
    }

    [Fact]
    public async Task NoneOfThese_AfterClarification_IsAnHonestFallback()
    {
        var bot = new BotTester();

        var result = await bot.SendAsync("Inget av dessa");

        Assert.Equal(Outcomes.Fallback, result.Outcome);
        Assert.Contains(Messages.TalkToGuideButton.Sv, result.Buttons);
    }

    [Fact]
    public async Task RuleThatChanged_IsAnsweredForTheDateAskedAbout()
    {
        var entry = BotTester.Provider.Current.Knowledge.Entries.First(e => e.Periods.Count > 1);
        var period = entry.Periods[0];
        var bot = new BotTester(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1))));
        var month = period.From.AddDays(Math.Min(3, (period.To ?? period.From).DayNumber - period.From.DayNumber));

        var result = await bot.SendAsync($"{entry.Question} den {month.Day} {SwedishMonth(month.Month)} {month.Year}");

        Assert.Equal(Outcomes.Answer, result.Outcome);
        Assert.Contains(period.Answer.Sv, result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_IsSavedAfterEveryTurn()
    {
        var bot = new BotTester();

        var result = await bot.SendAsync("Hur skaffar jag ett bibliotekskort?");
        var state = await bot.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken);

        Assert.Equal(result.Decision!.AnswerId, state!.LastAnswerId);
        Assert.Equal(1, state.Turns);
    }

    [Fact]
    public async Task TraceOff_SendsNoTrace()
    {
        var bot = new BotTester(options: new BotOptions { Trace = false });

        var result = await bot.SendAsync("Hej!");

        Assert.DoesNotContain(result.Replies, r => r.Type == ActivityTypes.Trace);
    }

    [Fact]
    public async Task EmptyMessage_AsksForText()
    {
        var result = await new BotTester().SendAsync(new Activity { Type = ActivityTypes.Message, Attachments = [new Protocol.Attachment { ContentType = "image/png", ContentUrl = "https://x/y.png" }] });

        Assert.Equal(Outcomes.SmallTalk, result.Outcome);
        Assert.Contains("text", result.Text, StringComparison.Ordinal);
    }

    private static string SwedishMonth(int month) =>
        new[] { "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december" }[month - 1];
}
