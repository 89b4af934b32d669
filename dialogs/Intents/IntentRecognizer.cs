using System.Text.RegularExpressions;

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
        if (SelfHarm().IsMatch(t))
        {
            return Intent.SelfHarm;
        }
        if (Emergency().IsMatch(t))
        {
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

    /// <summary>The message with greetings, thanks and politeness removed: what is left to answer.</summary>
    public static string SmallTalkRest(string text)
    {
        var rest = SmallTalkWords().Replace(text.ToLowerInvariant(), " ");
        return Regex.Replace(rest, @"[\s\p{P}\p{S}]+", " ").Trim();
    }

    [GeneratedRegex(@"\b(ta livet av mig|ta mitt liv|ta livet av sig|begå självmord|självmord|suicid|vill inte leva|vill dö|skada mig själv|skära mig|hoppa från (bron|taket)|hota[rd]? (med )?att hoppa|kill (myself|himself|herself|themselves)|suicid(e|al)|end (my|his|her) life|want to die|hurt myself|(threaten(ing|s)?|going|about) to jump|jump (off|from) (the|a) (bridge|roof|building))\b")]
    private static partial Regex SelfHarm();

    [GeneratedRegex(@"\b(det brinner|brinner (i|på|hos)|brand i|eldsvåda|rök (väller|kommer)|andas inte|slutat andas|medvetslös|svimmat och|fallit ihop|föll ihop|har kollapsat|hjärtstopp|hjärtattack|blöder (mycket|kraftigt)|allvarligt skadad|svårt skadad|har skadat sig allvarligt|drunknar|håller på att drunkna|överdos|förgiftad|blivit påkörd|blev påkörd|trafikolycka|krockat|inbrott pågår|någon bryter sig in|hotar mig|misshandlar|slår (mig|henne|honom)|med kniv|pistol|skjuter|skottlossning|fire in|on fire|is burning|not breathing|stopped breathing|unconscious|collapsed|heart attack|bleeding (badly|heavily|a lot)|badly (hurt|injured)|seriously (hurt|injured)|drowning|overdose|poisoned|been hit by a car|car crash|break-in|breaking in|threatening me|being attacked|someone is hurt|gas leak|gasläcka)\b")]
    private static partial Regex Emergency();

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
