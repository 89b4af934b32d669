using System.Text.RegularExpressions;
using Understanding.Decisions;

namespace Dialogs.Intents;

/// <summary>
/// Recognizes the fixed intents in Swedish and English. Emergencies come first and always win:
/// a resident in danger must be told to call 112 whatever else the message says.
/// Small talk only counts when the message is nothing but small talk ("Hej! Var ligger…" is a question).
/// </summary>
public static partial class IntentRecognizer
{
    public static Intent Recognize(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        switch (DangerRules.Match(t))
        {
            case Route.SelfHarm:
                return Intent.SelfHarm;
            case Route.Emergency:
                return Intent.Emergency;
        }
        if (NoneOfThese().IsMatch(t))
        {
            return Intent.NoneOfThese;
        }
        if (NotHelpful().IsMatch(t))
        {
            return Intent.NotHelpful;
        }
        if (Frustration().IsMatch(t))
        {
            return Intent.Frustration;
        }
        if (WhoAreYou().IsMatch(t))
        {
            return Intent.WhoAreYou;
        }
        if (HumanRequest().IsMatch(t))
        {
            return Intent.HumanRequest;
        }
        var rest = SmallTalkRest(t);
        if (rest.Length > 0)
        {
            return Intent.None;
        }
        if (Thanks().IsMatch(t))
        {
            return Intent.Thanks;
        }
        if (Goodbye().IsMatch(t))
        {
            return Intent.Goodbye;
        }
        if (Help().IsMatch(t))
        {
            return Intent.Help;
        }
        return Greeting().IsMatch(t) ? Intent.Greeting : Intent.None;
    }

    /// <summary>
    /// Which kind of small talk a message is, once it is known to be small talk (it may say more:
    /// "tack, nu vet jag vad jag ska göra – ha en fin dag!" is thanks). None: some other small talk.
    /// </summary>
    public static Intent SmallTalkKind(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return WhoAreYou().IsMatch(t) ? Intent.WhoAreYou
            : Thanks().IsMatch(t) ? Intent.Thanks
            : Goodbye().IsMatch(t) ? Intent.Goodbye
            : Help().IsMatch(t) ? Intent.Help
            : Greeting().IsMatch(t) ? Intent.Greeting
            : Intent.None;
    }

    /// <summary>Feedback that says the answer was wrong or did not help (rather than thanks).</summary>
    public static bool IsNegative(string text) => Negative().IsMatch(text.ToLowerInvariant());

    [GeneratedRegex(@"\b(inte|ej|nej|nä|fel|felaktig|fattar|förstår|menade|not|no|wrong|didn't|doesn't|don't|isn't|useless|värdelös)\b|👎")]
    private static partial Regex Negative();

    /// <summary>The message with greetings, thanks and politeness removed: what is left to answer.</summary>
    public static string SmallTalkRest(string text)
    {
        var rest = SmallTalkWords().Replace(text.ToLowerInvariant(), " ");
        return Regex.Replace(rest, @"[\s\p{P}\p{S}]+", " ").Trim();
    }

    [GeneratedRegex(@"^(inget|ingen) av (dessa|de här|dem)\b|^none of (these|the above|them)\b|^nej,? inget av")]
    private static partial Regex NoneOfThese();

    [GeneratedRegex(@"\b(vem är du|vad är du|vad heter du|är du (en )?(robot|bot|chattbot|människa|riktig|ai|dator|maskin)|pratar jag med en (robot|bot|människa|maskin)|who are you|what are you|are you (a )?(robot|bot|human|real|person|machine|ai)|am i (talking|chatting) to a (bot|robot|human|person))\b")]
    private static partial Regex WhoAreYou();

    [GeneratedRegex(@"\b(människa|människor|riktig person|levande person|handläggare(n)?|vägledare(n)?|servicevägledare(n)?|operatör|(prata|tala|snacka|chatta) med (någon|en riktig|en levande|personal|kundtjänst|er|en person|någon person|någon hos er|någon på (kommunen|staden))|få tag på (en|någon)|komma i kontakt med (en|någon)|ring(a)? (upp )?mig|kan någon ringa|bli uppringd|koppla mig|real person|human being|a human|live agent|(talk|speak|chat) (to|with) (someone|somebody|a person|an agent|a human|staff|customer service|an operator)|call me( back)?|operator)\b")]
    private static partial Regex HumanRequest();

    [GeneratedRegex(@"\b(det hjälpte inte|hjälpte inte|det (var|är) inte (det|vad) jag (frågade|menade|undrade)|fel svar|svaret (stämmer|hjälpte) inte|du svarar fel|inte det jag (frågade|menade)|(that|it|this) (didn't|did not|does not|doesn't) help|not helpful|wrong answer|that's not what i (asked|meant)|not what i asked)\b")]
    private static partial Regex NotHelpful();

    [GeneratedRegex(@"\b(värdelös|värdelöst|dålig bot|dumma bot|korkad|fattar ingenting|förstår ingenting|du fattar inte|skitbot|jävla|jävlar|helvete|idiot|förbannad|trött på (dig|det här)|useless|stupid bot|dumb bot|ridiculous|waste of time|fed up|this is crazy)\b")]
    private static partial Regex Frustration();

    [GeneratedRegex(@"\b(tack|tackar|tusen tack|thanks|thank you|thx)\b")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"\b(hej ?då|adjö|vi hörs|ha det bra|bye|goodbye|see you)\b")]
    private static partial Regex Goodbye();

    [GeneratedRegex(@"^(hjälp|help|vad kan du( göra| svara på)?|vad kan jag fråga( om)?|what can you do|what can i ask|hur funkar (det|du)|how does this work)\b")]
    private static partial Regex Help();

    [GeneratedRegex(@"\b(hej|hejsan|hallå|tjena|tja|tjenare|god (morgon|dag|kväll|middag)|goddag|hello|hi|hey|good (morning|afternoon|evening))\b")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"\b(hej ?då|hej|hejsan|hallå|tjena|tja|tjenare|god (morgon|dag|kväll|middag)|goddag|hello|hi|hey|good (morning|afternoon|evening)|tack( så mycket| för (hjälpen|svaret|det))?|tackar|tusen tack|thanks|thank you( very much| for (the )?(help|answer))?|thx|bye|goodbye|see you|adjö|vi hörs|ha det bra|how are you|hur mår du|hur är det|läget|snälla|please|ok|okej|bra|great|perfekt|toppen|hjälp|help|vad kan du( göra| svara på)?|vad kan jag fråga( om)?|what can you do|what can i ask)\b")]
    private static partial Regex SmallTalkWords();
}
