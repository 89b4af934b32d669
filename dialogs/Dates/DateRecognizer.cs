using System.Globalization;
using System.Text.RegularExpressions;
using Knowledge.Calendar;

namespace Dialogs.Dates;

/// <summary>
/// Recognizes the date and time expressions residents use, in Swedish and English ("idag",
/// "i övermorgon", "på lördag", "nästa fredag", "om två veckor", "den 24 december", "24/12",
/// "julafton", "påsk", "i januari 2021", "i julas", "förra vintern", "kl 18", "halv sju", "next
/// Friday", "Christmas Eve" …) and resolves them against today's date (Europe/Stockholm).
/// Matching is done on text with å/ä/ö folded, so "nyarsafton" and "lordag" work too.
/// </summary>
public static partial class DateRecognizer
{
    private delegate Resolved? Resolver(Match match, Context context);

    private sealed record Resolved(DateOnly From, DateOnly To, TimeOnly? Time = null, bool HasDate = true);

    private sealed record Context(DateOnly Today, bool Past, bool Evening, bool Morning);

    private sealed record Rule(Regex Pattern, Resolver Resolve);

    /// <summary>Every date and time expression in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<DateMention> Recognize(string text, DateOnly today)
    {
        var folded = Fold(text);
        var context = new Context(today, PastTense().IsMatch(folded), Evening().IsMatch(folded), Morning().IsMatch(folded));
        var candidates = new List<DateMention>();
        foreach (var rule in Rules.Concat(LanguageRules).Concat(HolidayNameRules()))
        {
            foreach (Match match in rule.Pattern.Matches(folded))
            {
                if (rule.Resolve(match, context) is { } resolved)
                {
                    candidates.Add(new DateMention(match.Index, match.Length, text.Substring(match.Index, match.Length).Trim(),
                        resolved.From, resolved.To, resolved.Time, resolved.HasDate));
                }
            }
        }
        // The longest expression wins where they overlap ("i övermorgon" over "morgon", "24 december 2020" over "2020").
        var chosen = new List<DateMention>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Length).ThenBy(c => c.Index))
        {
            if (!chosen.Any(c => candidate.Index < c.Index + c.Length && c.Index < candidate.Index + candidate.Length))
            {
                chosen.Add(candidate);
            }
        }
        return chosen.OrderBy(c => c.Index).ToList();
    }

    /// <summary>The days and time a message asks about, or null when it names neither.</summary>
    public static AskedTime? Asked(string text, DateOnly today)
    {
        var mentions = Recognize(text, today);
        var dates = mentions.Where(m => m.HasDate).ToList();
        var folded = Fold(text);
        // "mellan jul och nyår", "från 1 till 5 mars", "between Christmas and New Year": one range.
        if (dates.Count >= 2 && dates[1].To >= dates[0].From
            && (RangeStart().IsMatch(folded[..dates[0].Index]) || RangeStartWord().IsMatch(Fold(dates[0].Text)))
            && (RangeJoin().IsMatch(folded[(dates[0].Index + dates[0].Length)..dates[1].Index])
                || (folded[(dates[0].Index + dates[0].Length)..dates[1].Index].Trim().Length == 0 && RangeJoinWord().IsMatch(Fold(dates[1].Text)))))
        {
            return new AskedTime(dates[0].From, dates[1].To, mentions.FirstOrDefault(m => m.Time is not null)?.Time, true);
        }
        var date = dates.FirstOrDefault();
        var time = mentions.FirstOrDefault(m => m.Time is not null)?.Time;
        if (date is null && time is null)
        {
            return null;
        }
        return date is null ? new AskedTime(today, today, time, false) : new AskedTime(date.From, date.To, time, true);
    }

    /// <summary>The text without its date and time expressions.</summary>
    public static string Without(string text, DateOnly today)
    {
        var result = text;
        foreach (var mention in Recognize(text, today).OrderByDescending(m => m.Index))
        {
            result = result[..mention.Index] + " " + result[(mention.Index + mention.Length)..];
        }
        return result;
    }

    /// <summary>
    /// Lower case with å, ä, ö, é folded, keeping every character's position. Arabic letters are
    /// written as their Persian forms (ي ى → ی, ك → ک, ة → ه, أ إ آ → ا), Arabic-Indic and Persian
    /// digits as 0–9, and the zero-width non-joiner of Persian words ("سه‌شنبه") as a space.
    /// </summary>
    public static string Fold(string text)
    {
        var chars = text.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                'å' or 'ä' or 'á' or 'à' => 'a',
                'ö' or 'ø' or 'ó' => 'o',
                'é' or 'è' => 'e',
                '’' or '´' or '`' => '\'',
                'ي' or 'ى' => 'ی',
                'ك' => 'ک',
                'ة' => 'ه',
                'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                '\u200c' => ' ',
                >= '\u0660' and <= '\u0669' => (char)('0' + (chars[i] - '\u0660')),
                >= '\u06f0' and <= '\u06f9' => (char)('0' + (chars[i] - '\u06f0')),
                _ => chars[i],
            };
        }
        return new string(chars);
    }

    // ---------------------------------------------------------------- vocabulary

    private const string MonthNames = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october";
    private const string MonthShort = "jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec";
    private const string Weekdays = "mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private const string NumberWords = "en|ett|ena|one|a|an|tva|two|tre|three|fyra|four|fem|five|sex|six|sju|seven|atta|eight|nio|nine|tio|ten|elva|eleven|tolv|twelve";

    private static int? Month(string name) => name[..3] switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "maj" or "may" => 5, "jun" => 6, "jul" => 7,
        "aug" => 8, "sep" => 9, "okt" or "oct" => 10, "nov" => 11, "dec" => 12, _ => null,
    };

    private static DayOfWeek Weekday(string name) => name[..3] switch
    {
        "man" or "mon" => DayOfWeek.Monday, "tis" or "tue" => DayOfWeek.Tuesday, "ons" or "wed" => DayOfWeek.Wednesday,
        "tor" or "thu" => DayOfWeek.Thursday, "fre" or "fri" => DayOfWeek.Friday, "lor" or "sat" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    private static int Number(string word) => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : word switch
    {
        "en" or "ett" or "ena" or "one" or "a" or "an" => 1, "tva" or "two" => 2, "tre" or "three" => 3, "fyra" or "four" => 4,
        "fem" or "five" => 5, "sex" or "six" => 6, "sju" or "seven" => 7, "atta" or "eight" => 8, "nio" or "nine" => 9,
        "tio" or "ten" => 10, "elva" or "eleven" => 11, _ => 12,
    };

    /// <summary>Holidays by the words residents use: (pattern, first day, last day) by SwedishHolidays name.</summary>
    private static readonly (string Words, string First, string Last)[] HolidayWords =
    [
        ("julaftonen|julafton|christmas eve", "julafton", "julafton"),
        ("juldagen|juldag|christmas day", "juldagen", "juldagen"),
        ("annandag jul|annandagen|annandag|boxing day", "annandag jul", "annandag jul"),
        ("julen|jul|julhelgen|christmas", "julafton", "annandag jul"),
        ("nyarsaftonen|nyarsafton|new year'?s eve", "nyårsafton", "nyårsafton"),
        ("nyarsdagen|nyarsdag|new year'?s day", "nyårsdagen", "nyårsdagen"),
        ("nyaret|nyar|nyarshelgen|new year", "nyårsafton", "nyårsdagen"),
        ("trettondagsafton|trettondagsaftonen|twelfth night", "trettondagsafton", "trettondagsafton"),
        ("trettondedag jul|trettondag jul|trettondedagen|trettondagen|epiphany", "trettondedag jul", "trettondedag jul"),
        ("skartorsdagen|skartorsdag|maundy thursday", "skärtorsdagen", "skärtorsdagen"),
        ("langfredagen|langfredag|good friday", "långfredagen", "långfredagen"),
        ("paskaftonen|paskafton|easter saturday|holy saturday", "påskafton", "påskafton"),
        ("paskdagen|paskdag|easter sunday|easter day", "påskdagen", "påskdagen"),
        ("annandag pask|annandagpask|annandag paskdag|easter monday", "annandag påsk", "annandag påsk"),
        ("pasken|pask|paskhelgen|easter", "långfredagen", "annandag påsk"),
        ("valborgsmassoafton|valborgsafton|valborg|sista april|walpurgis night|walpurgis", "valborgsmässoafton", "valborgsmässoafton"),
        ("forsta maj|may day", "första maj", "första maj"),
        ("kristi himmelsfardsdag|kristi himmelsfard|himmelsfardsdagen|kristi himmelfardsdag|ascension day|ascension", "Kristi himmelsfärdsdag", "Kristi himmelsfärdsdag"),
        ("pingstafton|whitsun eve", "pingstafton", "pingstafton"),
        ("pingstdagen|pingst|pingsten|whit sunday|whitsunday|whitsun|pentecost", "pingstdagen", "pingstdagen"),
        ("nationaldagen|sveriges nationaldag|nationaldag|national day", "Sveriges nationaldag", "Sveriges nationaldag"),
        ("midsommaraftonen|midsommarafton|midsummer'?s eve|midsummer eve", "midsommarafton", "midsommarafton"),
        ("midsommardagen|midsommardag|midsummer'?s day|midsummer day", "midsommardagen", "midsommardagen"),
        ("midsommaren|midsommar|midsomras|midsummer", "midsommarafton", "midsommardagen"),
        ("allhelgonaafton|allhelgonaaftonen", "allhelgonaafton", "allhelgonaafton"),
        ("alla helgons dag|allhelgonadagen|allhelgona|all saints'? day|all saints", "alla helgons dag", "alla helgons dag"),
    ];

    // ---------------------------------------------------------------- rules

    private static readonly Rule[] Rules = BuildRules();

    private static Rule[] BuildRules()
    {
        var rules = new List<Rule>
        {
            // 2026-12-24
            new(Regex(@"\b(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})\b"), (m, c) => Day(Int(m, "y"), Int(m, "m"), Int(m, "d"))),
            // 24/12, 24/12 2026, 24/12-26
            new(Regex(@"(?<![\d/])(?<d>\d{1,2})/(?<m>\d{1,2})(?:(?:[ /-])(?<y>\d{4}|\d{2}))?(?![\d/])"), (m, c) =>
                m.Groups["y"].Success ? Day(Year(m.Groups["y"].Value), Int(m, "m"), Int(m, "d")) : DayWithoutYear(Int(m, "m"), Int(m, "d"), c)),
            // (den) 24(:e) december (2026), the 24th of December
            new(Regex($@"\b(?:(?:den|the)\s+)?(?<d>\d{{1,2}})(?::?e|:?a|st|nd|rd|th)?(?:\s+of)?\s+(?<mon>{MonthNames}|{MonthShort})\b\.?(?:,?\s+(?<y>\d{{4}})\b)?"), (m, c) =>
                Month(m.Groups["mon"].Value) is { } month
                    ? m.Groups["y"].Success ? Day(Int(m, "y"), month, Int(m, "d")) : DayWithoutYear(month, Int(m, "d"), c)
                    : null),
            // December 24(th)(, 2026)
            new(Regex($@"\b(?<mon>{MonthNames}|{MonthShort})\.?\s+(?<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:\d|:|\.\d))(?:,?\s+(?<y>\d{{4}})\b)?"), (m, c) =>
                Month(m.Groups["mon"].Value) is { } month && !(m.Groups["d"].Value.Length == 2 && m.Groups["y"].Success is false && Int(m, "d") > 31)
                    ? m.Groups["y"].Success ? Day(Int(m, "y"), month, Int(m, "d")) : DayWithoutYear(month, Int(m, "d"), c)
                    : null),
            // den 24:e, the 24th
            new(Regex(@"\b(?:den|the)\s+(?<d>\d{1,2})(?::e|:a|st|nd|rd|th)\b"), (m, c) => DayOfMonth(Int(m, "d"), c)),
            // (i) januari 2021
            new(Regex($@"\b(?<mon>{MonthNames}|{MonthShort})\.?\s+(?<y>(?:19|20)\d\d)\b"), (m, c) =>
                Month(m.Groups["mon"].Value) is { } month ? WholeMonth(Int(m, "y"), month) : null),
            // i januari, in January, under mars
            new(Regex($@"\b(?:i|in|under|during|pa|pa hela)\s+(?<mon>{MonthNames})\b(?!\s+\d)"), (m, c) =>
                Month(m.Groups["mon"].Value) is { } month ? MonthWithoutYear(month, c) : null),
            // 2021, år 2021, in 2021
            new(Regex(@"\b(?:(?:ar|aret|year|i|in|under|during)\s+)?(?<y>(?:19|20)\d\d)\b"), (m, c) =>
                new Resolved(new DateOnly(Int(m, "y"), 1, 1), new DateOnly(Int(m, "y"), 12, 31))),

            // today, tomorrow, the day after tomorrow, yesterday
            new(Regex(@"\b(?:idag|i dag|today|ikvall|i kvall|i kvallen|tonight|this evening|i eftermiddag|this afternoon|i morse|this morning|i natt|tonight|just nu|right now)\b"), (m, c) => Days(c, 0)),
            new(Regex(@"\b(?:imorgon|i morgon|imorn|i morn|imorrn|i morrn|imorron|i morron|tomorrow|imorgonbitti|i morgon bitti)\b"), (m, c) => Days(c, 1)),
            new(Regex(@"\b(?:i overmorgon|iovermorgon|overmorgon|(?:the )?day after tomorrow)\b"), (m, c) => Days(c, 2)),
            new(Regex(@"\b(?:igar|i gar|yesterday|igarkvall|i gar kvall)\b"), (m, c) => Days(c, -1)),
            new(Regex(@"\b(?:i forrgar|iforrgar|forrgar|(?:the )?day before yesterday)\b"), (m, c) => Days(c, -2)),

            // weekends and weeks
            new(Regex(@"\b(?:i helgen|till helgen|under helgen|over helgen|helgen|(?:this|the|at the|over the) weekend)\b"), (m, c) => Weekend(c, 0)),
            new(Regex(@"\b(?:nasta helg|nasta helgen|next weekend)\b"), (m, c) => Weekend(c, c.Today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 0)),
            new(Regex(@"\b(?:forra helgen|forra helg|i helgen som var|last weekend)\b"), (m, c) => Weekend(c, -1)),
            new(Regex(@"\b(?:i veckan|denna vecka|den har veckan|this week)\b"), (m, c) => new Resolved(c.Today, Monday(c.Today).AddDays(6))),
            new(Regex(@"\b(?:nasta vecka|next week)\b"), (m, c) => new Resolved(Monday(c.Today).AddDays(7), Monday(c.Today).AddDays(13))),
            new(Regex(@"\b(?:forra veckan|forra vecka|last week)\b"), (m, c) => new Resolved(Monday(c.Today).AddDays(-7), Monday(c.Today).AddDays(-1))),
            new(Regex(@"\b(?:nasta manad|next month)\b"), (m, c) => WholeMonth(c.Today.AddMonths(1).Year, c.Today.AddMonths(1).Month)),
            new(Regex(@"\b(?:forra manaden|forra manad|last month)\b"), (m, c) => WholeMonth(c.Today.AddMonths(-1).Year, c.Today.AddMonths(-1).Month)),
            new(Regex(@"\b(?:den har manaden|denna manad|i manaden|this month)\b"), (m, c) => WholeMonth(c.Today.Year, c.Today.Month)),
            new(Regex(@"\b(?:i ar|detta ar|this year)\b"), (m, c) => WholeYear(c.Today.Year)),
            new(Regex(@"\b(?:i fjol|ifjol|forra aret|forra ar|last year)\b"), (m, c) => WholeYear(c.Today.Year - 1)),
            new(Regex(@"\b(?:nasta ar|nasta aret|next year)\b"), (m, c) => WholeYear(c.Today.Year + 1)),

            // on Saturday, next Friday, i lördags, last Friday
            new(Regex($@"\b(?:(?<q>nasta|kommande|next|this|denna|den har|forra|last|pa|on|i|till|now|coming)\s+)?(?<wd>{Weekdays})(?<suffix>en|ar|arna|s)?\b"), WeekdayMention),

            // in two weeks, om tre dagar, two weeks ago, för två veckor sedan
            new(Regex($@"\b(?:om|in)\s+(?<n>\d+|{NumberWords})\s+(?<unit>dagar|dag|days?|veckor|vecka|weeks?|manader|manad|months?|ar|years?)\b"), (m, c) => Offset(c, Number(m.Groups["n"].Value), m.Groups["unit"].Value, 1)),
            new(Regex($@"\b(?:for\s+)?(?<n>\d+|{NumberWords})\s+(?<unit>dagar|dag|days?|veckor|vecka|weeks?|manader|manad|months?|ar|years?)\s+(?:sedan|sen|ago)\b"), (m, c) => Offset(c, Number(m.Groups["n"].Value), m.Groups["unit"].Value, -1)),

            // seasons: förra vintern, i vintras, våren 2021, last winter, summer 2020
            new(Regex(@"\b(?<q>forra|nasta|denna|den har|i|last|next|this)\s+(?<s>varen|var|sommaren|sommar|hosten|host|vintern|vinter|spring|summer|autumn|fall|winter)(?:\s+(?<y>(?:19|20)\d\d))?\b"), SeasonMention),
            new(Regex(@"\b(?<s>varen|sommaren|hosten|vintern|spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?<y>(?:19|20)\d\d))?\b"), SeasonMention),
            new(Regex(@"\b(?<s>var|sommar|host|vinter)\s+(?<y>(?:19|20)\d\d)\b"), SeasonMention),
            new(Regex(@"\bi (?<s>varas|somras|hostas|vintras)\b"), SeasonMention),

            // times: kl 18, klockan 18.30, 18:30, at 6 pm, halv sju, kvart över sju, half past six
            new(Regex(@"\b(?:kl\.?|klo|klockan|at|الساعه|ساعت|saacadda)\s*(?<h>\d{1,2})(?:[:.](?<min>\d{2}))?(?:\s*(?<ap>am|pm|a\.m\.|p\.m\.))?(?!\d)"), (m, c) => Clock(c, Int(m, "h"), m.Groups["min"].Success ? Int(m, "min") : 0, m.Groups["ap"].Value, words: false)),
            new(Regex(@"(?<![\d/.:-])(?<h>[01]?\d|2[0-3])[:.](?<min>[0-5]\d)(?![\d/.:-])(?:\s*(?<ap>am|pm))?"), (m, c) => Clock(c, Int(m, "h"), Int(m, "min"), m.Groups["ap"].Value, words: false)),
            new(Regex(@"\b(?<h>\d{1,2})\s*(?<ap>am|pm|a\.m\.|p\.m\.)"), (m, c) => Clock(c, Int(m, "h"), 0, m.Groups["ap"].Value, words: false)),
            new(Regex($@"\b(?:kl\.?\s*|klockan\s+)?(?<rel>halv|kvart i|kvart over|fem i|fem over|tio i|tio over|half past|quarter past|quarter to)\s+(?<h>\d{{1,2}}|{NumberWords})\b"), RelativeClock),
            new(Regex($@"\b(?:klockan|kl\.?)\s+(?<h>{NumberWords})\b"), (m, c) => Clock(c, Number(m.Groups["h"].Value), 0, "", words: true)),
            new(Regex(@"\b(?:noon|midday|lunchtid|mitt pa dagen)\b"), (m, c) => new Resolved(c.Today, c.Today, new TimeOnly(12, 0), false)),
        };
        foreach (var (words, first, last) in HolidayWords)
        {
            rules.Add(new(Regex($@"\b(?:(?<q>i|pa|under|over|till|on|at|for|mellan|between|fran|from|och|and|nasta|next|forra|last|this)\s+)?(?<h>{words})(?<past>as)?\b(?:\s+(?<y>(?:19|20)\d\d)\b)?"),
                (m, c) => HolidayMention(m, c, first, last)));
        }
        return [.. rules];
    }

    // ---------------------------------------------------------------- resolvers

    private static Resolved? Day(int year, int month, int day) =>
        year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new Resolved(new DateOnly(year, month, day), new DateOnly(year, month, day))
            : null;

    /// <summary>A day and month without a year: the next one from today, or the last one when the question is about the past.</summary>
    private static Resolved? DayWithoutYear(int month, int day, Context c)
    {
        if (month is < 1 or > 12 || day < 1 || day > 31)
        {
            return null;
        }
        var year = c.Today.Year;
        var candidate = Day(year, month, day);
        if (c.Past)
        {
            return candidate is not null && candidate.From <= c.Today ? candidate : Day(year - 1, month, day);
        }
        return candidate is not null && candidate.From >= c.Today ? candidate : Day(year + 1, month, day) ?? candidate;
    }

    private static Resolved? DayOfMonth(int day, Context c)
    {
        var month = new DateOnly(c.Today.Year, c.Today.Month, 1);
        var next = c.Past ? month.AddMonths(-1) : month.AddMonths(1);
        var here = Day(month.Year, month.Month, day);
        var forward = !c.Past;
        return here is not null && (forward ? here.From >= c.Today : here.From <= c.Today) ? here : Day(next.Year, next.Month, day);
    }

    private static Resolved WholeMonth(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    private static Resolved WholeYear(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    private static Resolved MonthWithoutYear(int month, Context c)
    {
        var year = c.Today.Year;
        if (c.Past)
        {
            return WholeMonth(month <= c.Today.Month ? year : year - 1, month);
        }
        return WholeMonth(month >= c.Today.Month ? year : year + 1, month);
    }

    private static Resolved Days(Context c, int offset) => new(c.Today.AddDays(offset), c.Today.AddDays(offset));

    private static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The coming weekend (this one on Saturday and Sunday), moved by whole weeks.</summary>
    private static Resolved Weekend(Context c, int weeks)
    {
        var saturday = Monday(c.Today).AddDays(5 + (7 * weeks));
        var from = weeks == 0 && c.Today > saturday ? c.Today : saturday;
        return new Resolved(from, saturday.AddDays(1));
    }

    private static Resolved? WeekdayMention(Match m, Context c)
    {
        var weekday = Weekday(m.Groups["wd"].Value);
        var q = m.Groups["q"].Value;
        var suffix = m.Groups["suffix"].Value;
        var monday = Monday(c.Today);
        var inWeek = monday.AddDays(((int)weekday + 6) % 7);
        DateOnly date;
        if (q is "nasta" or "next")
        {
            date = inWeek.AddDays(7);
        }
        else if (q is "forra" or "last" || (q == "i" && suffix == "s"))
        {
            date = inWeek < c.Today ? inWeek : inWeek.AddDays(-7);
        }
        else if (c.Past && q is "" or "pa" or "on" && suffix != "ar" && suffix != "arna")
        {
            date = inWeek <= c.Today ? inWeek : inWeek.AddDays(-7);
        }
        else
        {
            date = inWeek >= c.Today ? inWeek : inWeek.AddDays(7);
        }
        return new Resolved(date, date);
    }

    private static Resolved Offset(Context c, int n, string unit, int sign) => unit[0] switch
    {
        'd' => Days(c, sign * n),
        'v' or 'w' => Days(c, sign * 7 * n),
        'm' => new Resolved(c.Today.AddMonths(sign * n), c.Today.AddMonths(sign * n)),
        _ => new Resolved(c.Today.AddYears(sign * n), c.Today.AddYears(sign * n)),
    };

    /// <summary>Spring = March–May, summer = June–August, autumn = September–November, winter = December–February.</summary>
    private static Resolved? SeasonMention(Match m, Context c)
    {
        var word = m.Groups["s"].Value;
        var q = m.Groups["q"].Value;
        var startMonth = word switch
        {
            _ when word.StartsWith("var", StringComparison.Ordinal) || word == "spring" => 3,
            _ when word.StartsWith("som", StringComparison.Ordinal) || word == "summer" => 6,
            _ when word.StartsWith("host", StringComparison.Ordinal) || word is "autumn" or "fall" => 9,
            _ => 12,
        };
        // "var" alone is mostly "where"/"was": only with a qualifier or year.
        if (word == "var" && q is "" or "i" && !m.Groups["y"].Success)
        {
            return null;
        }
        if (m.Groups["y"].Success)
        {
            var year = Int(m, "y");
            // "vintern 2021" is the winter that 2021 starts in (December 2020–February 2021).
            return Season(startMonth == 12 ? year - 1 : year, startMonth);
        }
        var currentStart = SeasonStart(c.Today, startMonth);
        var inIt = c.Today <= currentStart.AddMonths(3).AddDays(-1);
        var pastWord = word.EndsWith("as", StringComparison.Ordinal) && word != "pas";
        if (q is "forra" or "last" || pastWord || (c.Past && q is "" or "i" or "under"))
        {
            // The last one that has ended (i vintras, förra vintern).
            var start = inIt ? currentStart.AddYears(-1) : currentStart;
            return new Resolved(start, start.AddMonths(3).AddDays(-1));
        }
        if (q is "nasta" or "next")
        {
            var start = inIt ? currentStart.AddYears(1) : currentStart.AddYears(1);
            return new Resolved(start, start.AddMonths(3).AddDays(-1));
        }
        // "i vinter", "this winter", "vintern": the current one, else the coming one.
        var coming = inIt ? currentStart : currentStart.AddYears(1);
        return new Resolved(coming, coming.AddMonths(3).AddDays(-1));
    }

    /// <summary>The start of the latest season beginning in <paramref name="startMonth"/> that started on or before the date.</summary>
    private static DateOnly SeasonStart(DateOnly date, int startMonth)
    {
        var start = new DateOnly(date.Year, startMonth, 1);
        return start <= date ? start : start.AddYears(-1);
    }

    private static Resolved Season(int year, int startMonth)
    {
        var start = new DateOnly(year, startMonth, 1);
        return new Resolved(start, start.AddMonths(3).AddDays(-1));
    }

    private static Resolved? HolidayMention(Match m, Context c, string first, string last)
    {
        var q = m.Groups["q"].Value;
        // "jul" without context is mostly the month abbreviation or part of a name: require "i/på/under jul" or "julen".
        if (m.Groups["h"].Value == "jul" && q is "" or "on" or "at" && !m.Groups["past"].Success)
        {
            return null;
        }
        if (m.Groups["y"].Success)
        {
            return HolidayIn(Int(m, "y"), first, last);
        }
        var past = m.Groups["past"].Success || m.Groups["h"].Value.EndsWith("ras", StringComparison.Ordinal) || q is "forra" or "last" || (c.Past && q is not ("nasta" or "next"));
        var thisYear = HolidayIn(c.Today.Year, first, last);
        if (past)
        {
            return thisYear.From <= c.Today ? thisYear : HolidayIn(c.Today.Year - 1, first, last);
        }
        if (q is "nasta" or "next" && thisYear.From <= c.Today)
        {
            return HolidayIn(c.Today.Year + 1, first, last);
        }
        return thisYear.To >= c.Today ? thisYear : HolidayIn(c.Today.Year + 1, first, last);
    }

    private static Resolved HolidayIn(int year, string first, string last)
    {
        var holidays = SwedishHolidays.For(year);
        var from = holidays.First(h => h.Name == first).Date;
        var to = holidays.First(h => h.Name == last).Date;
        // New Year spans two years: nyårsafton–nyårsdagen.
        return new Resolved(from, to < from ? to.AddYears(1) : to);
    }

    private static Resolved? Clock(Context c, int hour, int minute, string amPm, bool words)
    {
        if (amPm.StartsWith('p') && hour < 12)
        {
            hour += 12;
        }
        else if (amPm.StartsWith('a') && hour == 12)
        {
            hour = 0;
        }
        else if (amPm.Length == 0 && hour is >= 1 and <= 11)
        {
            // "halv sju" or "kl 7 på kvällen": an afternoon or evening time unless the message says morning.
            if (c.Evening || (words && hour <= 6 && !c.Morning))
            {
                hour += 12;
            }
        }
        return hour is >= 0 and <= 24 && minute is >= 0 and < 60
            ? new Resolved(c.Today, c.Today, new TimeOnly(hour % 24, minute), false)
            : null;
    }

    private static Resolved? RelativeClock(Match m, Context c)
    {
        var hour = Number(m.Groups["h"].Value);
        var (hourOffset, minute) = m.Groups["rel"].Value switch
        {
            "halv" => (-1, 30),
            "kvart i" or "quarter to" => (-1, 45),
            "kvart over" or "quarter past" => (0, 15),
            "fem i" => (-1, 55),
            "fem over" => (0, 5),
            "tio i" => (-1, 50),
            "tio over" => (0, 10),
            _ => (0, 30), // half past
        };
        var h = hour + hourOffset;
        return Clock(c, h == 0 ? 12 : h, minute, "", words: true);
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int Year(string text) => text.Length == 2 ? 2000 + int.Parse(text, CultureInfo.InvariantCulture) : int.Parse(text, CultureInfo.InvariantCulture);

    private static Regex Regex(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);

    [GeneratedRegex(@"\b(mellan|fran|from|between)\s*$")]
    private static partial Regex RangeStart();

    [GeneratedRegex(@"^(mellan|fran|from|between)\b")]
    private static partial Regex RangeStartWord();

    [GeneratedRegex(@"^\s*(och|till|to|and|until|-|–)\s*$")]
    private static partial Regex RangeJoin();

    [GeneratedRegex(@"^(och|till|to|and)\b")]
    private static partial Regex RangeJoinWord();

    [GeneratedRegex(@"\b(fick|gallde|hade|kunde|skulle|stangde|oppnade|infordes|togs|blev|was|were|did|had|could|applied|closed down)\b")]
    private static partial Regex PastTense();

    [GeneratedRegex(@"\b(kvall|kvallen|ikvall|eftermiddag|eftermiddagen|evening|tonight|afternoon|natt)\b")]
    private static partial Regex Evening();

    [GeneratedRegex(@"\b((?<!\bi )morgon|morgonen|morse|formiddag|formiddagen|morning|bitti)\b")]
    private static partial Regex Morning();
}
