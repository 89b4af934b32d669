using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dialogs.Dates;
using Dialogs.Main;
using Dialogs.Protocol;
using Knowledge;
using Knowledge.Calendar;
using Knowledge.Facilities;

namespace Dialogs.OpeningHours;

/// <summary>The bot's reply to an opening-hours question: the text, buttons, and how to record it.</summary>
public sealed record OpeningHoursReply(string Text, IReadOnlyList<CardAction> Buttons, string Outcome, string? AnswerId, string Topic);

/// <summary>
/// Answers "is X open on &lt;day&gt;", "when does X close today", "which libraries are open on
/// Sunday", "opening hours of X" from the facilities content, naming the date, the hours and the
/// reason when closed. Returns null when the message is not such a question, so that normal
/// retrieval answers it.
/// </summary>
public static partial class OpeningHoursResponder
{
    public const string AnswerIdPrefix = "facility:";
    private const int MaxListedDays = 14;
    private const int MaxDeviations = 6;
    private const int MaxKindDays = 4;
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static OpeningHoursReply? Reply(string text, Language language, KnowledgeBase knowledge, DateTimeOffset now, string? lastAnswerId = null)
    {
        DialogMessages.Register(); // the texts' translations apply also when no CityBot has been made yet
        var catalog = knowledge.Facilities;
        if (catalog.Facilities.Count == 0)
        {
            return null;
        }
        var local = TimeZoneInfo.ConvertTime(now, Stockholm).DateTime;
        var today = DateOnly.FromDateTime(local);
        var folded = DateRecognizer.Fold(text);
        if (History().IsMatch(folded) || Price().IsMatch(folded))
        {
            return null;
        }
        var asked = DateRecognizer.Asked(text, today);
        // Our hours say nothing about the past: questions about earlier dates go to the knowledge base.
        if (asked is { HasDate: true } && asked.To < today.AddDays(-7))
        {
            return null;
        }
        var match = FacilityMatcher.Match(text, catalog);
        var hoursWords = HoursWords().IsMatch(folded);
        var visitWords = VisitWords().IsMatch(folded);
        if (match.Facilities.Count == 0 && match.Kind is null)
        {
            // "Och på söndag?" right after an opening-hours answer.
            if (lastAnswerId?.StartsWith(AnswerIdPrefix, StringComparison.Ordinal) == true && asked is { HasDate: true }
                && Words().Count(folded) <= 6 && catalog.Find(lastAnswerId[AnswerIdPrefix.Length..]) is { } previous)
            {
                return ForFacility(previous, catalog, asked, language, today, local);
            }
            return null;
        }
        var specific = match.Facilities.Count > 0;
        if (!hoursWords && !(visitWords && asked is { HasDate: true } && (specific || match.Kind!.Id == FacilityCatalog.ContactCenterKind)))
        {
            return null;
        }
        if (match.IsAmbiguous)
        {
            return Clarify(text, match, language);
        }
        if (specific)
        {
            var replies = match.Facilities.Select(f => ForFacility(f, catalog, asked, language, today, local)).ToList();
            return replies.Count == 1 ? replies[0] : replies[0] with
            {
                Text = string.Join("\n\n", replies.Select(r => r.Text)),
                AnswerId = string.Join(",", replies.Select(r => r.AnswerId)),
            };
        }
        var ofKind = catalog.OfKind(match.Kind!.Id, language);
        return ofKind.Count switch
        {
            0 => null,
            1 => ForFacility(ofKind[0], catalog, asked, language, today, local),
            _ => ForKind(match.Kind, ofKind, catalog, asked, language, today),
        };
    }

    private static OpeningHoursReply ForFacility(Facility facility, FacilityCatalog catalog, AskedTime? asked, Language language, DateOnly today, DateTime local)
    {
        var culture = Culture(language);
        var text = new StringBuilder();
        text.Append("**").Append(facility.Name).Append("**");
        if (facility.Address is { } address)
        {
            text.Append(" (").Append(address).Append(')');
        }
        text.Append('\n');
        var from = asked is { HasDate: true } ? asked.From : today;
        var to = asked is { HasDate: true } ? asked.To : today;
        var closure = facility.Closures.FirstOrDefault(c => c.Covers(from) && c.Covers(to));
        if (closure is not null)
        {
            text.Append(ClosureText(closure, language, culture)).Append('\n');
        }
        else if (to.DayNumber - from.DayNumber + 1 > MaxListedDays)
        {
            text.Append(string.Format(culture, OpeningHoursMessages.RegularHours.For(language), Weekly(facility.Hours, language, culture))).Append('\n');
            AppendDeviations(text, facility, catalog, from, to, language, culture, today, header: false);
        }
        else
        {
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                text.Append(DayLine(catalog.On(facility, date), language, culture, today)).Append('\n');
            }
            var day = catalog.On(facility, from);
            if (asked?.Time is { } time && from == to)
            {
                var open = day.Hours?.Contains(time) == true;
                text.Append(string.Format(culture, (open ? OpeningHoursMessages.OpenAt : OpeningHoursMessages.ClosedAt).For(language), Clock(time, language))).Append('\n');
            }
            else if (from == today && to == today)
            {
                var nowTime = TimeOnly.FromDateTime(local);
                text.Append(day.Hours switch
                {
                    { } hours when hours.Contains(nowTime) => string.Format(culture, OpeningHoursMessages.OpenNow.For(language), Clock(hours.Closes, language)),
                    { } hours when nowTime < hours.Opens => string.Format(culture, OpeningHoursMessages.OpensLater.For(language), Clock(hours.Opens, language)),
                    _ => OpeningHoursMessages.ClosedNow.For(language),
                }).Append('\n');
            }
            if (asked is not { HasDate: true })
            {
                text.Append(string.Format(culture, OpeningHoursMessages.RegularHours.For(language), Weekly(facility.Hours, language, culture))).Append('\n');
                AppendDeviations(text, facility, catalog, today.AddDays(1), today.AddDays(MaxListedDays), language, culture, today, header: true);
            }
        }
        if (facility.Notes is { } notes)
        {
            text.Append(notes.For(language)).Append('\n');
        }
        return Answer(text, catalog.Sample || facility.Sample, facility.Source, language, AnswerIdPrefix + facility.Id, Topic(facility.Kind));
    }

    private static OpeningHoursReply ForKind(FacilityKind kind, IReadOnlyList<Facility> facilities, FacilityCatalog catalog, AskedTime? asked, Language language, DateOnly today)
    {
        var culture = Culture(language);
        var text = new StringBuilder();
        var from = asked is { HasDate: true } ? asked.From : today;
        var to = asked is { HasDate: true } ? asked.To : today;
        for (var date = from; date <= to && date < from.AddDays(MaxKindDays); date = date.AddDays(1))
        {
            var days = facilities.Select(f => (Facility: f, Day: catalog.On(f, date))).ToList();
            text.Append("**").Append(Capitalize(kind.Plural.For(language), culture)).Append(", ").Append(DayLabel(date, days[0].Day.Holiday, language, culture, today, capitalize: false)).Append("**\n");
            foreach (var (facility, day) in days.OrderByDescending(d => d.Day.IsOpen))
            {
                text.Append("- ").Append(facility.Name).Append(": ").Append(Status(day, language, culture)).Append('\n');
            }
        }
        return Answer(text, catalog.Sample, kind.Source, language, "facilities:" + kind.Id, Topic(kind.Id));
    }

    private static OpeningHoursReply Clarify(string text, FacilityMatch match, Language language)
    {
        var (index, length) = match.Spans[0];
        var buttons = match.Facilities
            .Select(f => CardAction.ImBack(match.Spans.Count == 1 && index >= 0 ? text[..index] + f.Name + text[Math.Min(text.Length, index + length)..] : f.Name))
            .ToList();
        return new OpeningHoursReply(OpeningHoursMessages.WhichOne.For(language), buttons, Outcomes.Clarify, null, Topic(match.Facilities[0].Kind));
    }

    private static OpeningHoursReply Answer(StringBuilder text, bool sample, string source, Language language, string answerId, string topic)
    {
        if (sample)
        {
            text.Append('\n').Append(OpeningHoursMessages.Sample.For(language)).Append('\n');
        }
        var host = Uri.TryCreate(source, UriKind.Absolute, out var uri) ? uri.Host.Replace("www.", "", StringComparison.Ordinal) : source;
        text.Append('\n').Append('[').Append(Messages.Source.For(language)).Append(": ").Append(host).Append("](").Append(source).Append(')');
        return new OpeningHoursReply(text.ToString(), [], Outcomes.Answer, answerId, topic);
    }

    /// <summary>"Julafton, torsdag 24 december: stängt (helgafton)".</summary>
    public static string DayLine(OpeningDay day, Language language, CultureInfo culture, DateOnly today) =>
        $"{DayLabel(day.Date, day.Holiday, language, culture, today)}: {Status(day, language, culture)}";

    private static string DayLabel(DateOnly date, Holiday? holiday, Language language, CultureInfo culture, DateOnly today, bool capitalize = true)
    {
        var parts = new List<string>();
        if (date == today)
        {
            parts.Add(OpeningHoursMessages.Today.For(language).ToLower(culture));
        }
        else if (date == today.AddDays(1))
        {
            parts.Add(OpeningHoursMessages.Tomorrow.For(language).ToLower(culture));
        }
        if (holiday is not null)
        {
            parts.Add(holiday.Title.For(language));
        }
        var dateText = LanguageFormats.WeekdayDayMonth(date, language) + (date.Year != today.Year ? " " + date.Year.ToString(CultureInfo.InvariantCulture) : "");
        parts.Add(dateText);
        if (capitalize)
        {
            parts[0] = Capitalize(parts[0], culture);
        }
        return string.Join(", ", parts);
    }

    private static string Status(OpeningDay day, Language language, CultureInfo culture)
    {
        var reason = day.Basis switch
        {
            OpeningBasis.Holiday when day.Holiday?.Kind == HolidayKind.PublicHoliday => OpeningHoursMessages.PublicHoliday.For(language),
            OpeningBasis.Holiday => OpeningHoursMessages.Eve.For(language),
            OpeningBasis.HolidayWeekendHours => OpeningHoursMessages.HolidayHours.For(language),
            OpeningBasis.DayBeforeHoliday => OpeningHoursMessages.DayBeforeHoliday.For(language),
            OpeningBasis.Exception or OpeningBasis.TemporaryClosure => day.Reason?.For(language),
            _ => null,
        };
        var hours = day.Hours is { } h ? Range(h, language) : OpeningHoursMessages.Closed.For(language);
        return reason is null ? hours : $"{hours} ({reason})";
    }

    private static string ClosureText(TemporaryClosure closure, Language language, CultureInfo culture) =>
        closure.To is { } end
            ? string.Format(culture, OpeningHoursMessages.ClosedUntil.For(language), closure.Reason.For(language), LanguageFormats.Date(end, language))
            : string.Format(culture, OpeningHoursMessages.ClosedUntilFurtherNotice.For(language), closure.Reason.For(language));

    private static void AppendDeviations(StringBuilder text, Facility facility, FacilityCatalog catalog, DateOnly from, DateOnly to, Language language, CultureInfo culture, DateOnly today, bool header)
    {
        var deviations = Knowledge.Facilities.OpeningHours.Between(facility, catalog.RuleFor(facility), from, to)
            .Where(d => d.Basis is not (OpeningBasis.Regular or OpeningBasis.ClosedWeekday))
            .Take(MaxDeviations)
            .ToList();
        if (deviations.Count == 0)
        {
            return;
        }
        if (header)
        {
            text.Append(OpeningHoursMessages.Deviations.For(language)).Append('\n');
        }
        foreach (var day in deviations)
        {
            text.Append("- ").Append(DayLine(day, language, culture, today)).Append('\n');
        }
    }

    /// <summary>"mån–fre 10.00–20.00, lör–sön 11.00–17.00".</summary>
    private static string Weekly(WeeklyHours week, Language language, CultureInfo culture)
    {
        DayOfWeek[] order = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        var groups = new List<(int First, int Last, TimeRange? Hours)>();
        for (var i = 0; i < order.Length; i++)
        {
            var hours = week.On(order[i]);
            if (groups.Count > 0 && groups[^1].Hours == hours)
            {
                groups[^1] = (groups[^1].First, i, hours);
            }
            else
            {
                groups.Add((i, i, hours));
            }
        }
        if (groups.All(g => g.Hours is null))
        {
            return OpeningHoursMessages.ClosedAllWeek.For(language);
        }
        return string.Join(", ", groups.Select(g =>
        {
            var days = OpeningHoursMessages.DayNames[(int)order[g.First]].For(language)
                + (g.Last > g.First ? "–" + OpeningHoursMessages.DayNames[(int)order[g.Last]].For(language) : "");
            return $"{days} {(g.Hours is { } h ? Range(h, language) : OpeningHoursMessages.Closed.For(language))}";
        }));
    }

    private static string Range(TimeRange hours, Language language) => $"{Clock(hours.Opens, language)}–{Clock(hours.Closes, language)}";

    /// <summary>Swedish and Finnish "09.00", the other languages "09:00".</summary>
    private static string Clock(TimeOnly time, Language language) => LanguageFormats.Clock(time, language);

    private static string Topic(string kind) => kind switch
    {
        "library" => "bibliotek",
        "pool" => "bad",
        "recycling" => "avfall",
        _ => "kontaktcenter",
    };

    private static CultureInfo Culture(Language language) => language.Culture();

    private static string Capitalize(string text, CultureInfo culture) =>
        text.Length == 0 ? text : char.ToUpper(text[0], culture) + text[1..];

    // Swedish, English, Finnish ("auki", "aukioloajat", "kiinni"), Arabic ("مفتوح", "يغلق", "ساعات العمل"),
    // Persian ("باز", "بسته", "ساعت کاری") and Somali ("furan", "xiran", "saacadaha"), on folded text
    // (DateRecognizer.Fold: ä→a, Arabic ي/ك/ة/أ as Persian ی/ک/ه/ا).
    [GeneratedRegex(@"(?<![\p{L}\d])(oppet|oppen|oppna|oppnar|oppettid\w*|oppethall\w*|stanger|stangt|stangd|stangda|har ni oppet|tider|hur dags|vilken tid|telefontid\w*|open|opens|opening|close|closes|closed|closing|hours|what time|times"
        + @"|auki|aukeaa|aukeavat|avataan|avoinna|aukiolo\w*|sulkeutuu|sulkeutuvat|suljettu|suljetaan|kiinni|mihin aikaan|moneltako"
        + @"|مفتوح|مفتوحه|مفتوحا|يفتح|تفتح|يفتحون|مغلق|مغلقه|يغلق|تغلق|يقفل|تقفل|ساعات|اوقات|مواعيد|دوام"
        + @"|باز|بازه|بسته|تعطیل|ساعت کار\w*|ساعات کار\w*|ساعت\w* باز\w*|چه ساعتی|کی باز"
        + @"|furan|furantahay|furmaa|furmayaan|furtaa|xiran|xirantahay|xirmaa|xirmayaan|saacadaha|saacadaha shaqada|goorma)(?![\p{L}\d])")]
    private static partial Regex HoursWords();

    [GeneratedRegex(@"(?<![\p{L}\d])(ringa|ring|na|nas|kontakta|besoka|besok|ga till|ga pa|ga dit|aka till|aka|komma|lamna|slanga|kasta|hamta|lana|bada|simma|chatta|prata|call|phone|contact|reach|visit|go to|go there|come|get to|swim|drop off"
        + @"|soittaa|soitan|soita|kayda|kayn|menna|uimaan|tavoittaa|اتصل|الاتصال|زياره|ازور|اذهب|الذهاب|تماس|زنگ|بروم|برم|رفتن|wac|la xiriir|tago|booqo)(?![\p{L}\d])")]
    private static partial Regex VisitWords();

    [GeneratedRegex(@"(?<![\p{L}\d])(covid\w*|corona\w*|korona\w*|pandemi\w*|restriktion\w*|smitt\w*|rajoitu\w*|كورونا|کرونا|كوفيد|کووید|جائحه)(?![\p{L}\d])")]
    private static partial Regex History();

    [GeneratedRegex(@"(?<![\p{L}\d])(kostar|kosta|kostnad|pris|priset|priser|avgift|avgiften|entre|cost|costs|price|prices|fee|hinta|hinnat|maksaa|maksu|سعر|اسعار|تكلفه|رسوم|قیمت|هزینه|qiimo|qiimaha|lacag)(?![\p{L}\d])")]
    private static partial Regex Price();

    [GeneratedRegex(@"[\p{L}\d]+")]
    private static partial Regex Words();
}
