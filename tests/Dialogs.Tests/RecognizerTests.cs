using Dialogs.Dates;
using Dialogs.Intents;

namespace Dialogs.Tests;

public class RecognizerTests
{
    [Theory]
    [InlineData("Det brinner i min lägenhet!", Intent.Emergency)]
    [InlineData("Min man har fallit ihop och andas inte.", Intent.Emergency)]
    [InlineData("Someone is threatening to jump from the Älvsborg Bridge right now.", Intent.SelfHarm)]
    [InlineData("Får man grilla när det är eldningsförbud?", Intent.None)]
    [InlineData("Kan jag få prata med en människa?", Intent.HumanRequest)]
    [InlineData("Jag vill prata med en handläggare.", Intent.HumanRequest)]
    [InlineData("I would like to talk to a real person, please.", Intent.HumanRequest)]
    [InlineData("How do I apply for a personal safety alarm (trygghetslarm)?", Intent.None)]
    [InlineData("Är du en människa?", Intent.WhoAreYou)]
    [InlineData("Inget av dessa", Intent.NoneOfThese)]
    [InlineData("Hej!", Intent.Greeting)]
    [InlineData("Hej, var ligger Valhallabadet?", Intent.None)]
    [InlineData("tack så mycket!", Intent.Thanks)]
    [InlineData("Hej då", Intent.Goodbye)]
    [InlineData("Vad kan du?", Intent.Help)]
    public void Recognize_FindsTheFixedIntent(string text, Intent expected)
    {
        Assert.Equal(expected, IntentRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("Hur många fick vara med på en begravning i januari 2021?", 2021, 1, 15)]
    [InlineData("Vad gällde den 24 december 2020?", 2020, 12, 24)]
    [InlineData("Vad gällde hösten 2021?", 2021, 10, 15)]
    [InlineData("What applied in March 2020?", 2020, 3, 15)]
    public void DateMention_FindsTheDateAskedAbout(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), DateMentionRecognizer.Find(text));
    }

    [Fact]
    public void DateMention_NoDate_IsNull()
    {
        Assert.Null(DateMentionRecognizer.Find("Gäller åttagränsen fortfarande?"));
    }
}
