using System.Text.RegularExpressions;
using Knowledge;
using Knowledge.Calendar;

namespace Dialogs.Dates;

/// <summary>
/// Date words in Finnish, Arabic, Persian and Somali ("huomenna", "غدا", "فردا", "berri", "lauantaina",
/// "يوم السبت", "شنبه", "sabtida", "24. joulukuuta", "ensi viikolla" …), and the holidays by their names
/// in content/messages.yaml ("Holiday.julafton": "jouluaatto", "ليلة عيد الميلاد" …). Words are matched
/// on folded text (<see cref="Fold"/>), with letter boundaries rather than \b, since Arabic and Persian
/// words may carry vowel marks and Finnish and Somali words endings ("lauantaina", "sabtida").
/// </summary>
public static partial class DateRecognizer
{
    private const string Start = @"(?<![\p{L}\d])";
    private const string End = @"(?![\p{L}\d])";

    /// <summary>Weekday words per language, Sunday first (as <see cref="DayOfWeek"/>); Finnish and Somali take endings.</summary>
    private static readonly (string Words, DayOfWeek Day)[] WeekdayWords =
    [
        ("sunnuntai\\p{L}*|الأحد|یکشنبه|یک شنبه|axad\\p{L}*", DayOfWeek.Sunday),
        ("maanantai\\p{L}*|الاثنين|الإثنين|دوشنبه|دو شنبه|isniin\\p{L}*", DayOfWeek.Monday),
        ("tiistai\\p{L}*|الثلاثاء|الثلاثا|ثلاثاء|سه شنبه|سهشنبه|talaado\\p{L}*|talaad\\p{L}*", DayOfWeek.Tuesday),
        ("keskiviikko\\p{L}*|keskiviikon\\p{L}*|الاربعاء|الاربعا|اربعاء|چهارشنبه|چهار شنبه|arbaco\\p{L}*|arbac\\p{L}*", DayOfWeek.Wednesday),
        ("torstai\\p{L}*|الخمیس|خمیس|پنجشنبه|پنج شنبه|khamiis\\p{L}*", DayOfWeek.Thursday),
        ("perjantai\\p{L}*|الجمعه|جمعه|jimce\\p{L}*|jimco\\p{L}*|jimca\\p{L}*", DayOfWeek.Friday),
        ("lauantai\\p{L}*|السبت|سبت|شنبه|sabti\\p{L}*", DayOfWeek.Saturday),
    ];

    /// <summary>Month names (January first): Finnish with endings, Arabic (both naming traditions), Persian and Somali.</summary>
    private static readonly string[] MonthWords =
    [
        "tammikuu\\p{L}*|ینایر|کانون الثانی|ژانویه|janaayo|jannaayo|jenaayo",
        "helmikuu\\p{L}*|فبرایر|شباط|فوریه|febraayo|febrraayo|feebarweri",
        "maaliskuu\\p{L}*|مارس|اذار|maarso",
        "huhtikuu\\p{L}*|ابریل|نیسان|اوریل|abriil|abriile",
        "toukokuu\\p{L}*|مایو|ایار|مه|maajo|maayo",
        "kesakuu\\p{L}*|یونیو|حزیران|ژوئن|juun|juunyo",
        "heinakuu\\p{L}*|یولیو|تموز|ژوئیه|luulyo|luuliyo",
        "elokuu\\p{L}*|اغسطس|اوت|agoosto|ogoosto",
        "syyskuu\\p{L}*|سبتمبر|ایلول|سپتامبر|sebtembar|sebtember|setembar",
        "lokakuu\\p{L}*|اکتوبر|تشرین الاول|اکتبر|oktoobar|oktoober|oktoobbar",
        "marraskuu\\p{L}*|نوفمبر|تشرین الثانی|نوامبر|nofembar|nofeembar|noofembar",
        "joulukuu\\p{L}*|دیسمبر|کانون الاول|دسامبر|diseembar|desembar|disembar",
    ];

    /// <summary>Holiday periods residents name in their language ("joulu", "عيد الفصح", "کریسمس"): (words, first day, last day).</summary>
    private static readonly (string Words, string First, string Last)[] HolidayPeriodWords =
    [
        ("joulu|jouluna|joulun|jouluksi|عید المیلاد|الکریسماس|کریسماس|کریسمس|kirismas\\p{L}*|ciidda kirismas\\p{L}*", "julafton", "annandag jul"),
        ("paasiainen|paasiaisena|paasiaisen|عید الفصح|الفصح|عید پاک|easter-ka|iistar\\p{L}*", "långfredagen", "annandag påsk"),
        ("juhannus|juhannuksena|juhannuksen", "midsommarafton", "midsommardagen"),
        ("uusivuosi|uutena vuotena|uudenvuoden|راس السنه|سال نو میلادی|sannadka cusub", "nyårsafton", "nyårsdagen"),
    ];

    private static readonly Rule[] LanguageRules = BuildLanguageRules();

    private static Rule[] BuildLanguageRules()
    {
        var rules = new List<Rule>
        {
            // today, tomorrow, the day after tomorrow, yesterday
            new(Words("tanaan|tana paivana|اليوم|امروز|maanta|maanta galabta"), (m, c) => Days(c, 0)),
            new(Words("huomenna|huomisen|huomiseksi|غدا|غد|الغد|يوم الغد|بكرة|بكرا|فردا|berri|berrito"), (m, c) => Days(c, 1)),
            new(Words("ylihuomenna|بعد غد|بعد الغد|بعد غدا|بعد بکره|پس فردا|پسفردا|saadambe|saa dambe"), (m, c) => Days(c, 2)),
            new(Words("eilen|امس|البارحه|دیروز|shalay"), (m, c) => Days(c, -1)),

            // weekends and weeks
            new(Words("viikonloppu\\p{L}*|نهایه الاسبوع|عطله نهایه الاسبوع|الویکند|اخر هفته|تعطیلات اخر هفته|dhammaadka toddobaadka|fasaxa toddobaadka"), (m, c) => Weekend(c, 0)),
            new(Words("ensi viikolla|ensi viikko|ensi viikon|الاسبوع القادم|الاسبوع المقبل|الاسبوع الجای|هفته بعد|هفته اینده|هفته دیگه|هفته دیگر|toddobaadka soo socda|toddobaadka dambe"),
                (m, c) => new Resolved(Monday(c.Today).AddDays(7), Monday(c.Today).AddDays(13))),
            new(Words("talla viikolla|tama viikko|هذا الاسبوع|این هفته|toddobaadkan"), (m, c) => new Resolved(c.Today, Monday(c.Today).AddDays(6))),
            new(Words("viime viikolla|الاسبوع الماضی|هفته گذشته|هفته پیش|toddobaadkii hore|toddobaadkii la soo dhaafay"),
                (m, c) => new Resolved(Monday(c.Today).AddDays(-7), Monday(c.Today).AddDays(-1))),

            // 24.12. and 24.12.2026 (Finnish), not a time of day: the day ends with a dot or a year follows
            new(Regex(@"(?<![\d.:])(?<d>[0-3]?\d)\.(?<m>[01]?\d)\.(?<y>\d{4})?(?!\d)"), (m, c) =>
                m.Groups["y"].Success ? Day(Int(m, "y"), Int(m, "m"), Int(m, "d")) : DayWithoutYear(Int(m, "m"), Int(m, "d"), c)),
        };

        foreach (var (words, day) in WeekdayWords)
        {
            // "ensi lauantaina", "viime perjantaina", "tänä lauantaina", "یوم السبت القادم", "شنبه آینده", "sabtida soo socota"
            var pattern = $@"{Start}(?:(?<q>ensi|viime|tana|هذا|این|یوم)\s+)?(?<wd>{FoldPattern(words)}){End}(?:\s+(?<after>القادم|المقبل|الماضی|اینده|بعد|گذشته|پیش|soo socota|soo socda|dambe|hore|la soo dhaafay){End})?";
            rules.Add(new(Regex(pattern), (m, c) => OtherWeekday(m, c, day)));
        }

        for (var i = 0; i < MonthWords.Length; i++)
        {
            var month = i + 1;
            var names = FoldPattern(MonthWords[i]);
            // "24. joulukuuta (2026)", "24 دیسمبر", "24 Diseembar 2026"
            rules.Add(new(Regex($@"(?<![\d.])(?<d>[0-3]?\d)\.?\s+(?:{names}){End}(?:\s+(?<y>(?:19|20)\d\d)(?!\d))?"), (m, c) =>
                m.Groups["y"].Success ? Day(Int(m, "y"), month, Int(m, "d")) : DayWithoutYear(month, Int(m, "d"), c)));
            // "joulukuussa 2020", "دیسمبر 2020"
            rules.Add(new(Regex($@"{Start}(?:{names})\s+(?<y>(?:19|20)\d\d)(?!\d)"), (m, c) => WholeMonth(Int(m, "y"), month)));
            // "joulukuussa", "في ديسمبر", "در دسامبر", "bisha Diseembar": the whole month ("مه" alone is "fog": only with a day)
            var alone = string.Join("|", names.Split('|').Where(n => n.Length >= 4 || n.Contains('\\')));
            rules.Add(new(Regex($@"{Start}(?:(?:فی|در|bisha)\s+)?(?:{alone}){End}(?!\s+\d)"), (m, c) => MonthWithoutYear(month, c)));
        }

        foreach (var (words, first, last) in HolidayPeriodWords)
        {
            rules.Add(new(Regex($@"{Start}(?:{FoldPattern(words)}){End}(?:\s+(?<y>(?:19|20)\d\d)(?!\d))?"), (m, c) => HolidayMention(m, c, first, last)));
        }
        return [.. rules];
    }

    /// <summary>The weekday of a Finnish, Arabic, Persian or Somali mention: this week's or the next one, or the one before with "viime"/"الماضی"/"hore".</summary>
    private static Resolved OtherWeekday(Match m, Context c, DayOfWeek weekday)
    {
        var q = m.Groups["q"].Value;
        var after = m.Groups["after"].Value;
        var inWeek = Monday(c.Today).AddDays(((int)weekday + 6) % 7);
        DateOnly date;
        if (q == "ensi" || after is "بعد")
        {
            // "ensi lauantaina", "شنبه بعد": the one in the coming week
            date = inWeek.AddDays(7);
        }
        else if (q == "viime" || after is "الماضی" or "گذشته" or "پیش" or "hore" or "la soo dhaafay")
        {
            date = inWeek < c.Today ? inWeek : inWeek.AddDays(-7);
        }
        else if (c.Past && q.Length == 0 && after.Length == 0)
        {
            date = inWeek <= c.Today ? inWeek : inWeek.AddDays(-7);
        }
        else
        {
            date = inWeek >= c.Today ? inWeek : inWeek.AddDays(7);
        }
        return new Resolved(date, date);
    }

    private sealed record HolidayNameRuleSet(object Source, Rule[] Rules);

    private static volatile HolidayNameRuleSet? _holidayNameRules;

    /// <summary>
    /// The holidays by their names in the translated languages (messages.yaml, "Holiday.&lt;Swedish name&gt;"),
    /// remade when the content is reloaded. A name's explanation in brackets ("(julafton)") is left out, and
    /// a few letters of ending are allowed ("jouluaattona").
    /// </summary>
    private static Rule[] HolidayNameRules()
    {
        var translations = MessageCatalog.Translations;
        var cached = _holidayNameRules;
        if (cached is not null && ReferenceEquals(cached.Source, translations))
        {
            return cached.Rules;
        }
        var rules = new List<Rule>();
        foreach (var holiday in SwedishHolidays.For(2000))
        {
            if (!translations.TryGetValue(HolidayNames.KeyPrefix + holiday.Name, out var message))
            {
                continue;
            }
            var names = message.Texts.Values
                .SelectMany(t => Brackets().Replace(t, " ").Split([',', '،', '/', ';'], StringSplitOptions.TrimEntries))
                .Select(t => Fold(t).Trim())
                .Where(t => t.Length >= 5)
                .Distinct(StringComparer.Ordinal)
                .Select(t => string.Join(@"\s+", t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(System.Text.RegularExpressions.Regex.Escape)))
                .ToList();
            if (names.Count == 0)
            {
                continue;
            }
            var name = holiday.Name;
            rules.Add(new(Regex($@"{Start}(?:{string.Join("|", names)})\p{{L}}{{0,5}}{End}(?:\s+(?<y>(?:19|20)\d\d)(?!\d))?"), (m, c) => HolidayMention(m, c, name, name)));
        }
        var built = rules.ToArray();
        _holidayNameRules = new HolidayNameRuleSet(translations, built);
        return built;
    }

    private static Regex Words(string alternatives) => Regex($@"{Start}(?:{FoldPattern(alternatives)}){End}");

    /// <summary>Word alternatives written as residents write them, folded as <see cref="Fold"/> folds the text (\p{L} kept).</summary>
    private static string FoldPattern(string alternatives) => Fold(alternatives).Replace(@"\p{l}", @"\p{L}", StringComparison.Ordinal);

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Brackets();
}
