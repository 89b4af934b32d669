using System.Text.RegularExpressions;

namespace Understanding.Decisions;

/// <summary>
/// The hand-written safety net for danger: phrases that always mean someone may be in danger. The
/// learned model catches what these miss; the two are OR-ed, so a rule can add 112 but never take
/// it away, and the model's danger threshold is chosen for the messages the rules do not catch.
/// </summary>
public static partial class DangerRules
{
    /// <summary><see cref="Route.SelfHarm"/>, <see cref="Route.Emergency"/>, or null when no rule matches.</summary>
    public static Route? Match(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return SelfHarm().IsMatch(t) || SelfHarmOtherLanguages().IsMatch(t) ? Route.SelfHarm
            : Emergency().IsMatch(t) || EmergencyOtherLanguages().IsMatch(t) ? Route.Emergency
            : null;
    }

    // Finnish, Arabic (and Arabizi), Persian (and Finglish) and Somali, written from how people say
    // it (fire, smoke, not breathing, unconscious, knife, drowning, gas; suicide, wanting to die,
    // cutting oneself, going to jump as the Swedish and English rules have it), not from the corpus. Inflected languages: stems with \w*. Words that also
    // appear in ordinary questions ("tulipalo" in "what is the emergency number if there is a fire",
    // Persian آتیش in "may I light a fire") are only taken in phrases that say it is happening.
    [GeneratedRegex(@"(?:\b(itsemurh\w*|tappaa itse(ni|nsä|nsa)|tapan itseni|(haluan|haluun|halun) (vaan |vain )?kuolla|haluaa kuolla|en halua (enää )?elää|ei halua (enää )?elää|viiltel\w*|päättää päivänsä|paattaa paivansa|hypätä sillalta|hyppää sillalta|hypätä katolta|hyppää katolta|(aikoo|uhkaa|meinaa) hypätä|ampuu itsensä)\b)|(?:(انتحار|(رح|بدو|بدها|ناوي) (ي|ت)نط|(ي|ت)رمي (حاله|حالها|نفسه|نفسها)|انتحر|أنتحر|إنتحر|اقتل نفسي|أقتل نفسي|يقتل حاله|اقتل حالي|أقتل حالي|بدي موت|بدي اموت|بدي أموت|اريد ان اموت|أريد أن أموت|اريد اموت|ما بدي عيش|ما بدي اعيش|ما اريد اعيش|لا أريد أن أعيش|لا اريد ان اعيش|اؤذي نفسي|أؤذي نفسي|أجرح نفسي|اجرح نفسي|جرحت حالي|انهي حياتي|أنهي حياتي|\bentehar|\bbdi mout|\bbade mout|\ba2tol 7ali))|(?:(خودکشی|میخواد بپره|می‌خواد بپره|میخواد خودشو (پرت|بندازه)|از پل (بپره|بپرم)|خودمو بکشم|خودم را بکشم|خودمو میکشم|خودشو میکشه|خودمو از بین ببرم|میخوام بمیرم|میخواهم بمیرم|می‌خواهم بمیرم|می‌خوام بمیرم|نمیخوام زنده باشم|نمی‌خواهم زنده باشم|نمیخواهم زنده باشم|به خودم آسیب|خود ره بکشم|از زندگی خلاص|\bkhodkoshi|\bmikham bemiram|\bkhodamo bekosham|\bnemikham zende basham))|(?:\b(is dil\w*|naftayda (iska )?(qaado|qaato|dilo|dhammeeyo)|is goo(y|ynt)\w*|is tuuro|iska tuuro|rabaa inaan dhinto|doonayaa inaan dhinto|waan is dilayaa)\b)")]
    private static partial Regex SelfHarmOtherLanguages();

    [GeneratedRegex(@"(?:\b(on tulipalo|tulipalo!|(on|oli|ovat) tulessa|tulessa|savua|ei hengitä|ei hengita|ei saa henkeä|ei saa henkea|ei saa ilmaa|tajuton\w*|tajuttom\w*|hukkumassa|joku hukkuu|hukkui|veitse\w*|puukk?o\w*|puukotet\w*|sai sydänkohtauksen|on sydänkohtaus|sydänpysähdy\w*|vuotaa (paljon |kovasti )?verta|yliannostu\w*|myrkyty\w*|kaasuvuo\w*|haisee kaasulta|murtautu\w*|uhkaa tappaa|(sanoo|sanoi) että tappaa|ei herää|hakkaa \w+|kolari\w*|liikenneonnettomuu\w*|sähköisku\w*|sahkoisku\w*|laukau\w*|aseella|asetta)\b)|(?:(حريق|النار|دخان|(لا|ما|مش|مو) ?(عم )?(ي|ت|ب)?(ي|ت)تنفس|فاقد الوعي|فاقدة الوعي|فاقد للوعي|مغمى عليه|مغمى عليها|أغمي عليه|اغمي عليه|سكين|سكاكين|مسدس|سلاح|إطلاق نار|اطلاق نار|طعنه|طعنوه|مطعون|غرقان|غرقانة|عم (ي|ت)غرق|نوبة قلبية|ازمة قلبية|أزمة قلبية|ما عم يصحى|ما عم تصحى|عم (ي|ا|ت)ختنق|مخنوق|ينزف|تنزف|نزيف|تسمم|جرعة زائدة|تسرب غاز|ريحة غاز|ريحه غاز|رائحة غاز|حادث سير|يهددني|الحقوني|\b7ari2|\b7aree2|\bda5an|\bsikkee?n|ma 3am yetnaffas|\b3am yegra2|\bgher2an))|(?:(آتش گرفته|آتیش گرفته|آتش‌سوزی|آتش سوزی|آتیش سوزی|آتیش‌سوزی|داره میسوزه|\bدود\b|نفس نمیکش|نفس نمی‌کش|نفس نمی کش|نمیتونه نفس بکشه|بیهوش|بی‌هوش|چاقو|اسلحه|تفنگ|داره غرق میشه|غرق شد|حمله قلبی|تکون نمیخوره|خونریزی|خون میاد|خون ازش|مسمومیت|نشت گاز|بوی گاز|تصادف|دزد اومده|\batish gerefte|\bnafas nemikesh|\bbihoosh|\bchaghoo|\btofang|\bkhoonrizi|\bgaz nasht|\bboye gaz))|(?:\b(dab(ka)? (ayaa|baa|ayuu)|dabka|gubanay\w*|qiiq\w*|ma neefsan\w*|neefsan kari\w*|neefta ayaa|miyir(ka)? (ma leh|ayuu ka dhacay|ka dhacay|beelay)|miyir ma leh|suuxay\w*|mindi\w*|toorey\w*|bastoolad\w*|qarqam\w*|dhiig badan|wadnaha? (ayaa )?(istaagay|xanuun)|ur gaas|urta gaas|shil baabuur|garaacay\w*|waan ku dilayaa|ku dilayaa)\b)")]
    private static partial Regex EmergencyOtherLanguages();

    [GeneratedRegex(@"\b(ta livet av mig|ta mitt liv|ta livet av sig|begå självmord|självmord|suicid|vill inte leva|vill dö|skada mig själv|skära mig|hoppa från (bron|taket)|hota[rd]? (med )?att hoppa|kill (myself|himself|herself|themselves)|suicid(e|al)|end (my|his|her) life|want to die|hurt myself|(threaten(ing|s)?|going|about) to jump|jump (off|from) (the|a) (bridge|roof|building))\b")]
    private static partial Regex SelfHarm();

    [GeneratedRegex(@"\b(det brinner|brinner (i|på|hos)|brand i|eldsvåda|rök (väller|kommer)|andas inte|slutat andas|medvetslös|svimmat och|fallit ihop|föll ihop|har kollapsat|hjärtstopp|hjärtattack|blöder (mycket|kraftigt)|allvarligt skadad|svårt skadad|har skadat sig allvarligt|drunknar|håller på att drunkna|överdos|förgiftad|blivit påkörd|blev påkörd|trafikolycka|krockat|inbrott pågår|någon bryter sig in|hotar mig|misshandlar|slår (mig|henne|honom)|med kniv|pistol|skjuter|skottlossning|fire in|on fire|is burning|not breathing|stopped breathing|unconscious|collapsed|heart attack|bleeding (badly|heavily|a lot)|badly (hurt|injured)|seriously (hurt|injured)|drowning|overdose|poisoned|been hit by a car|car crash|break-in|breaking in|threatening me|being attacked|someone is hurt|gas leak|gasläcka)\b")]
    private static partial Regex Emergency();
}
