using Dialogs.Engine;
using Dialogs.Handoff;
using Dialogs.Learning;
using Dialogs.Main;
using Dialogs.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Dialogs.Tests;

/// <summary>The summary a guide reads in five seconds, and opening-hours answers asking whether they helped.</summary>
public class AfterHandoffTests
{
    [Theory]
    [InlineData("Hur lång tid tar ett bygglov?", true)]
    [InlineData("Ring mig på 070-123 45 67 om min bygglovsansökan", true)]
    [InlineData("Ja", false)]
    [InlineData("nej tack", false)]
    [InlineData("Min e-post är anna@example.se", false)]
    [InlineData("070-123 45 67", false)]
    [InlineData("Jag vill prata med en människa", false)]
    [InlineData("Jag vill prata med en människa om min bygglovsansökan för Götabergsgatan 20", true)]
    [InlineData("Hoppa över", false)]
    public void Questions_are_told_from_form_answers_yes_and_contact_details(string text, bool question) =>
        Assert.Equal(question, CaseSummaryBuilder.IsQuestion(text));

    [Fact]
    public void The_summary_has_a_title_of_reason_and_latest_question_and_labels_opening_hours_answers()
    {
        var at = DateTimeOffset.Parse("2026-11-24T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);
        var history = new List<Exchange>
        {
            new("Har Stadsbiblioteket öppet idag?", Outcomes.Answer, "facility:stadsbiblioteket", 1.0, "bibliotek", at),
            new("Ja", Outcomes.Form, null, 1.0, "felanmälan", at.AddMinutes(1)),
            new("Hur förnyar jag mina lån?", Outcomes.Fallback, null, 0.2, null, at.AddMinutes(2)),
            new("Jag vill prata med en människa", Outcomes.Handoff, null, 1.0, null, at.AddMinutes(3)),
        };
        var trigger = new Activity { Type = ActivityTypes.Message, Text = "Jag vill prata med en människa" };
        var knowledge = BotTester.Provider.Current.Knowledge;

        var summary = CaseSummaryBuilder.Build(new HandoffRequest(trigger, HandoffReason.Requested, "sv", "bibliotek", history), ["Mitt lånekort FR-2026-000001"], knowledge, "directline");

        Assert.Equal("Vill prata med en person: Hur förnyar jag mina lån?", summary.Title);
        Assert.Equal(["Har Stadsbiblioteket öppet idag?", "Hur förnyar jag mina lån?"], summary.Questions);
        var hours = Assert.Single(summary.BotAnswers, a => a.Outcome == Outcomes.Answer);
        Assert.StartsWith("Öppettider: ", hours.AnswerTitle, StringComparison.Ordinal);

        var second = CaseSummaryBuilder.Build(new HandoffRequest(trigger, HandoffReason.Requested, "sv", null, history), [], knowledge, "directline",
            new PreviousCase("C-2026-000007", at.AddMinutes(1).AddSeconds(30), "avslutat, besvarad"));
        Assert.Equal(["Hur förnyar jag mina lån?"], second.Questions);
        Assert.Equal("C-2026-000007 (avslutat, besvarad)", second.PreviousCase);
    }

    [Fact]
    public async Task An_opening_hours_answer_asks_whether_it_helped()
    {
        var bot = new BotTester(new FakeTimeProvider(DateTimeOffset.Parse("2026-12-22T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture)));

        var reply = await bot.SendAsync("Har Stadsbiblioteket öppet idag?");
        var thanks = await bot.SendAsync("Ja, tack");

        Assert.Equal(Outcomes.Answer, reply.Outcome);
        Assert.Contains(FeedbackMessages.Question.Sv, reply.Text, StringComparison.Ordinal);
        Assert.Equal([FeedbackMessages.HelpfulButton.Sv, FeedbackMessages.NotHelpfulButton.Sv], reply.Buttons.TakeLast(2));
        Assert.Equal(FeedbackMessages.Thanks.Sv, thanks.Text);
    }
}
