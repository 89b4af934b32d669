using System.Globalization;
using System.Text.RegularExpressions;

namespace Dialogs.FaultReports;

/// <summary>What a resident's message already says about a fault.</summary>
public sealed record FaultMention(FaultCategory? Category, string? Location, string? Description, bool StateRoad, bool DangerToLife);

/// <summary>
/// Recognizes fault reports in residents' own words: a statement (not a question) that names a
/// thing the city looks after and says something is wrong with it ("Gatlampan utanför X är
/// trasig", "Någon har klottrat på …", "Ett träd har fallit över …"), or an explicit wish to report
/// a fault. Questions about fault reporting ("Hur felanmäler jag en gatlampa?") are left to the
/// knowledge base. Also finds the place, state roads, danger to life and report references.
/// </summary>
public static partial class FaultReportRecognizer
{
    public const int MaxDescription = 1000;
    public const int MaxLocation = 200;

    /// <summary>The fault the message reports, or null when it does not report one.</summary>
    public static FaultMention? Recognize(string text)
    {
        // A message that asks something ("…, hur lång tid tar det") or follows up on an earlier
        // contact is a question for the knowledge base or a guide, not a new report.
        var statements = Sentences(text).ToList();
        if (statements.Count == 0 || statements.Any(IsQuestion) || FollowUp().IsMatch(text.ToLowerInvariant()))
        {
            return null;
        }
        var explicitWish = statements.Any(s => WantsToReport().IsMatch(s.ToLowerInvariant()));
        var category = FaultCategories.Detect(text);
        var faulty = category is not null && statements.Any(s => FaultCue().IsMatch(s.ToLowerInvariant()));
        if (!faulty && !explicitWish)
        {
            return null;
        }
        var description = faulty ? Clip(text.Trim(), MaxDescription) : null;
        return new FaultMention(category, Location(text), description, IsStateRoad(text), IsDangerToLife(text));
    }

    /// <summary>The place the message names ("Götabergsgatan 20", "Kungsparken vid Nya Allén"), if any.</summary>
    public static string? Location(string text)
    {
        var m = Place().Match(text);
        return m.Success ? Clip(m.Groups["place"].Value.Trim(), MaxLocation) : null;
    }

    /// <summary>A road Trafikverket is responsible for (E6, E20, riksväg 40, a motorway).</summary>
    public static bool IsStateRoad(string text) => StateRoad().IsMatch(text);

    /// <summary>Something that can kill or badly hurt someone now (hanging power lines, an open manhole).</summary>
    public static bool IsDangerToLife(string text) => Danger().IsMatch(text.ToLowerInvariant());

    /// <summary>A report reference in the message, normalized (fr-2026-123 → FR-2026-000123).</summary>
    public static string? Reference(string text)
    {
        var m = ReferencePattern().Match(text);
        return m.Success
            ? $"FR-{m.Groups["year"].Value}-{int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture):D6}"
            : null;
    }

    /// <summary>The resident asks how their fault report is going (with or without its reference).</summary>
    public static bool AsksForStatus(string text) =>
        Reference(text) is not null || StatusQuestion().IsMatch(text.ToLowerInvariant());

    /// <summary>The resident says they want to report a fault ("Jag vill göra en felanmälan"), whether or not they say which.</summary>
    public static bool AsksToReport(string text) => Sentences(text).Any(s => WantsToReport().IsMatch(s.ToLowerInvariant()));

    /// <summary>One of the form's own short replies: yes, no, skip or cancel.</summary>
    public static bool IsFormReply(string text) => IsCancel(text) || IsSkip(text) || IsYes(text) || IsNo(text);

    public static bool IsCancel(string text) => Cancel().IsMatch(text.Trim().ToLowerInvariant());

    public static bool IsSkip(string text) => Skip().IsMatch(text.Trim().ToLowerInvariant());

    public static bool IsYes(string text) => Yes().IsMatch(text.Trim().ToLowerInvariant());

    public static bool IsNo(string text) => No().IsMatch(text.Trim().ToLowerInvariant());

    /// <summary>An e-mail address or phone number in the reply, if any.</summary>
    public static string? Contact(string text)
    {
        var email = Email().Match(text);
        if (email.Success)
        {
            return email.Value;
        }
        var phone = Phone().Match(text);
        return phone.Success ? phone.Value.Trim() : null;
    }

    public static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static bool IsQuestion(string sentence) =>
        sentence.EndsWith('?') || sentence.Split(',', ';').Select(c => c.Trim().ToLowerInvariant())
            .Any(clause => QuestionStart().IsMatch(clause) && !RequestToFix().IsMatch(clause));

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(hur|vad|vem|vems|var|vart|varför|när|vilken|vilket|vilka|kan|får|ska|måste|finns|behöver|gäller|är det|how|what|who|whom|whose|where|when|why|which|can|could|do|does|is|are|should|will|would|may)\b")]
    private static partial Regex QuestionStart();

    // "Kan ni laga gatlampan?" asks the city to act: that is a report, not a question about reporting.
    [GeneratedRegex(@"^(kan|could|can) (ni|någon|you|someone) (laga|fixa|ta bort|åtgärda|komma|titta|plocka|städa|ploga|sanda|repair|fix|remove|clean|come)\b")]
    private static partial Regex RequestToFix();

    [GeneratedRegex(@"\b((jag )?(vill|skulle vilja|behöver) (göra en |lämna en )?(felanmäla|felanmälan|anmäla (ett )?fel|rapportera (ett )?fel)|^felanmälan$|^felanmäla$|(i )?(want|would like|need) to (make a |file a )?(report (a |an )?(fault|problem|issue|broken)|fault report)|^report a (fault|problem)$)")]
    private static partial Regex WantsToReport();

    [GeneratedRegex(@"\b(har (mejlat|mailat|ringt|skrivit|anmält|felanmält|rapporterat)|redan (anmält|felanmält|rapporterat)|ingen svarar|inget svar|inte fått (något )?svar|already reported|have (e-?mailed|called|reported)|no one (answers|replies)|no (reply|answer))\b")]
    private static partial Regex FollowUp();

    [GeneratedRegex(@"\b(trasig\w*|sönder|söndrig\w*|förstörd\w*|fungerar inte|funkar inte|lyser inte|tänds inte|släckt\w*|slocknat|slocknad\w*|blinkar|har (fallit|ramlat|blåst)|fallit|fallen|knäckt\w*|omkull|vält\w*|ligger (över|på|i|och)|blockerar|lutar|hänger (ner|löst)|saknas|skadad\w*|skadat|klottrat|klotter|nedklottrad\w*|nedskräpat|skräp|dumpat|dumpade|potthål\w*|gropar|djupa hål|hål i|full|fulla|överfull\w*|svämmar över|inte (plogat|plogad|plogats|skottat|skottats|sandat|sandats)|oplogad\w*|oplogat|oskottat|osandat|spegelhalt|flughalt|jättehalt|väldigt halt|så halt|är halt|broken|not working|doesn't work|does not work|isn't working|is out|are out|went out|not lit|flickering|has fallen|have fallen|fell|blocking|blocked|damaged|vandali[sz]ed|missing|graffiti|litter\w*|rubbish|fly-?tipping|dumped|potholes?|overflowing|full of|not (been )?(ploughed|plowed|gritted|cleared)|icy|slippery)\b")]
    private static partial Regex FaultCue();

    // After a place preposition: up to two lower-case words, then a name (capitalized words and a
    // house number), optionally followed by more "vid/i/på …" parts or "vid nummer 40".
    [GeneratedRegex(@"\b(?i:utanför|vid|på|i|längs|nära|mittemot|mitt emot|framför|bakom|intill|utmed|outside|at|near|on|in|opposite|by|along)\s+(?<place>(?:[\p{Ll}-]+\s){0,2}\p{Lu}[\p{L}-]*(?:\s(?:\p{Lu}[\p{L}-]*|\d+\s?[A-Za-z]?\b))*(?:\s(?:vid|i|på|utanför|nära|near|at|by)\s(?:(?:nummer|nr\.?|number|no\.?)\s\d+|(?:[\p{Ll}-]+\s){0,1}\p{Lu}[\p{L}-]*(?:\s(?:\p{Lu}[\p{L}-]*|\d+\s?[A-Za-z]?\b))*))*)")]
    private static partial Regex Place();

    [GeneratedRegex(@"(?i)\b(e ?(4|6|18|20|45)(:an)?|riksväg(en)? \d+|rv\.? ?\d+|länsväg(en)? \d+|motorväg\w*|motorway|highway)\b")]
    private static partial Regex StateRoad();

    [GeneratedRegex(@"\b(livsfarlig\w*|livsfara|fara för livet|elledning\w*|elkabel\w*|elkablar\w*|strömkabel\w*|strömkablar\w*|strömförande|(ledningar|kablar|sladdar) (hänger|ligger|sticker)|öppen brunn|brunnslock(et)? (saknas|är borta)|saknar brunnslock|håller på att (falla|ramla|rasa)|kan (dö|omkomma|skada sig allvarligt)|danger to life|life-threatening|live wires?|exposed wires?|power lines? (down|hanging)|open manhole|could (kill|seriously hurt) someone)\b")]
    private static partial Regex Danger();

    [GeneratedRegex(@"(?i)\bFR[- ]?(?<year>\d{4})[- ](?<number>\d{1,6})\b")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\b(hur går det (med|för) (min|mitt|vår) (felanmälan|anmälan)|status (på|för) (min|mitt) (felanmälan|anmälan)|vad händer med (min|mitt) (felanmälan|anmälan)|status of my (fault )?report|how is my (fault )?report)\b")]
    private static partial Regex StatusQuestion();

    [GeneratedRegex(@"^(avbryt\w*|avsluta\w*|stopp|stop|cancel|quit|abort|glöm det|strunta i det|nej,? avbryt)\b")]
    private static partial Regex Cancel();

    [GeneratedRegex(@"^(hoppa över|hoppa|nej|nä|nej tack|ingen|inga|vill inte|behövs inte|inte nu|skip|no|no thanks|none|not now)\b")]
    private static partial Regex Skip();

    [GeneratedRegex(@"^(ja|japp|jo|jepp|stämmer|det stämmer|rätt|korrekt|precis|yes|yep|yeah|correct|right|that's right|ok|okej)\b")]
    private static partial Regex Yes();

    [GeneratedRegex(@"^(nej|nä|no|nope|fel|inte rätt|stämmer inte|det stämmer inte|wrong|not right)\b")]
    private static partial Regex No();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d])(\+46\s?|0)\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2,3}(?![\d])")]
    private static partial Regex Phone();
}
