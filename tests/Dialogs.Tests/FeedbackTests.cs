using Dialogs.Learning;
using Dialogs.Main;
using Dialogs.Privacy;

namespace Dialogs.Tests;

public class FeedbackTests
{
    private const string Question = "Hur skaffar jag ett bibliotekskort?";

    [Fact]
    public async Task AnAnswer_AsksWhetherItHelped_WithYesAndNoAfterTheFollowUps()
    {
        var bot = new BotTester();

        var answer = await bot.SendAsync(Question);

        Assert.Equal(Outcomes.Answer, answer.Outcome);
        Assert.Contains(FeedbackMessages.Question.Sv, answer.Text, StringComparison.Ordinal);
        Assert.Equal([FeedbackMessages.HelpfulButton.Sv, FeedbackMessages.NotHelpfulButton.Sv], answer.Buttons.TakeLast(2));
        Assert.True(answer.Buttons.Count <= 13);
    }

    [Fact]
    public async Task YesThanks_IsThankedAndRecordedAsHelpfulForThatEntry()
    {
        var recorder = new ListRecorder();
        var bot = new BotTester(recorder: recorder);
        var answer = await bot.SendAsync(Question);

        var thanks = await bot.SendAsync("Ja, tack");

        Assert.Equal(FeedbackMessages.Thanks.Sv, thanks.Text);
        var verdict = recorder.Records[^1];
        Assert.Equal(FeedbackValues.Helpful, verdict.Feedback);
        Assert.Equal(answer.Decision!.AnswerId, verdict.FeedbackEntryId);
        Assert.Null(verdict.Question);
        Assert.Null(recorder.Records[0].Feedback);
        Assert.Equal(Question, recorder.Records[0].Question);
    }

    [Theory]
    [InlineData("Nej")]
    [InlineData("det hjälpte inte")]
    public async Task No_IsRecordedAsNotHelpful_ThenOtherOptionsOrAGuide(string no)
    {
        var recorder = new ListRecorder();
        var bot = new BotTester(recorder: recorder);
        var answer = await bot.SendAsync(Question);
        var answered = BotTester.Provider.Current.Knowledge.Find(answer.Decision!.AnswerId!)!;

        var reply = await bot.SendAsync(no);

        var verdict = recorder.Records[^1];
        Assert.Equal(FeedbackValues.NotHelpful, verdict.Feedback);
        Assert.Equal(answered.Id, verdict.FeedbackEntryId);
        // Never straight into a queue: other answers, or the question whether to talk to a guide.
        Assert.Contains(reply.Outcome, new[] { Outcomes.Clarify, Outcomes.Fallback });
        if (reply.Outcome == Outcomes.Clarify)
        {
            Assert.Equal(FeedbackMessages.OtherOptions.Sv, reply.Text);
            Assert.DoesNotContain(answered.Question, reply.Buttons);
            Assert.Contains(Messages.NoneOfTheseButton.Sv, reply.Buttons);
            Assert.Contains(Messages.TalkToGuideButton.Sv, reply.Buttons);
        }
        else
        {
            Assert.StartsWith(FeedbackMessages.Sorry.Sv, reply.Text, StringComparison.Ordinal);
            Assert.Contains(Dialogs.Handoff.AfterHandoffMessages.AskBeforeQueue.Sv, reply.Text, StringComparison.Ordinal);
            Assert.Equal([Messages.TalkToGuideButton.Sv], reply.Buttons);
        }
    }

    [Fact]
    public async Task No_WithoutOtherAnswers_AsksBeforeQueueing_AndAGuideOnlyWhenAskedFor()
    {
        // The first of these answers whose "Nej" finds no other entry close enough.
        BotTester? bot = null;
        TurnResult? no = null;
        foreach (var question in new[] { Question, "Vem ska skotta trottoaren?", "Var kan jag lämna grovavfall?", "Hur ansöker jag om förskoleplats?", "Hur söker jag bygglov?" })
        {
            bot = new BotTester();
            if ((await bot.SendAsync(question)).Outcome == Outcomes.Answer && await bot.SendAsync("Nej") is { Outcome: not Outcomes.Clarify } reply)
            {
                no = reply;
                break;
            }
        }
        Assert.NotNull(no);
        var state = await bot!.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken);

        Assert.NotEqual(Outcomes.Handoff, no.Outcome);
        Assert.Equal(Dialogs.Engine.ConversationOwners.Bot, state!.Owner);
        Assert.Contains(Messages.TalkToGuideButton.Sv, no.Buttons);
        var guide = await bot.SendAsync(Messages.TalkToGuideButton.Sv);
        Assert.Equal(Outcomes.Handoff, guide.Outcome);
    }

    [Fact]
    public async Task No_WithOtherMatchingEntries_OffersThemAsOptions()
    {
        // An everyday wording that several waste entries explain almost as well as the one answered.
        const string question = "när töms soptunnan";
        var bot = new BotTester();
        var answer = await bot.SendAsync(question);
        Assert.Equal(Outcomes.Answer, answer.Outcome);

        var reply = await bot.SendAsync("Nej");

        Assert.Equal(Outcomes.Clarify, reply.Outcome);
        Assert.DoesNotContain(reply.Decision!.Candidates, c => c.Id == answer.Decision!.AnswerId);
        var state = await bot.States.LoadAsync(bot.ConversationId, TestContext.Current.CancellationToken);
        Assert.Equal(reply.Decision.Candidates.Select(c => c.Id), state!.PendingOptions);
    }

    [Fact]
    public async Task No_WhenNothingWasAnswered_IsAnOrdinaryMessage()
    {
        var recorder = new ListRecorder();
        var bot = new BotTester(recorder: recorder);
        await bot.SendAsync("Hej");

        await bot.SendAsync("Nej");

        Assert.All(recorder.Records, r => Assert.Null(r.Feedback));
    }

    [Fact]
    public async Task EveryTurn_IsRecordedWithOutcomeLanguageChannelAndMaskedText()
    {
        var recorder = new ListRecorder();
        var bot = new BotTester(recorder: recorder);

        await bot.SendAsync("Hej");
        await bot.SendAsync("Mitt personnummer är 811218-9876 och jag bor på Vasagatan 3, ring 070-123 45 67 om sophämtningen");
        await bot.SendAsync("How do I get a library card?", "en-US");

        Assert.Equal(3, recorder.Records.Count);
        Assert.Equal(Outcomes.SmallTalk, recorder.Records[0].Decision.Outcome);
        Assert.Null(recorder.Records[0].Question);
        var masked = recorder.Records[1];
        Assert.Equal("Mitt personnummer är [personnummer] och jag bor på [adress], ring [telefon] om sophämtningen", masked.Question);
        Assert.False(PersonalData.ContainsPersonalData(masked.Question!));
        Assert.Equal("test", masked.Channel);
        Assert.Equal(bot.ConversationId, masked.ConversationId);
        Assert.Equal("en", recorder.Records[2].Decision.Language);
        Assert.Equal(Outcomes.Answer, recorder.Records[2].Decision.Outcome);
        Assert.All(recorder.Records, r => Assert.True(r.DurationMs >= 0));
    }

    private sealed class ListRecorder : ITurnRecorder
    {
        public List<TurnRecord> Records { get; } = [];

        public Task RecordAsync(TurnRecord record, CancellationToken cancellationToken)
        {
            Records.Add(record);
            return Task.CompletedTask;
        }
    }
}
