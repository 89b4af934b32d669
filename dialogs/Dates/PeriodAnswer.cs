using System.Globalization;
using Dialogs.Main;
using Knowledge;

namespace Dialogs.Dates;

/// <summary>
/// The answer of an entry whose rule changed over time (<c>periods</c>), for the date the question
/// is about: what applied on that day or during that month/year, or for questions about now (no
/// date, today or later) the current state and since when. Always names the date.
/// </summary>
public static class PeriodAnswer
{
    public static string Text(KnowledgeEntry entry, string question, Language language, DateOnly today)
    {
        DialogMessages.Register(); // the texts' translations apply also when no CityBot has been made yet
        var culture = language.Culture();
        var asked = DateRecognizer.Asked(question, today);
        if (entry.Periods.Count == 0 || asked is not { HasDate: true } || asked.To >= today)
        {
            return Now(entry, language, today, culture);
        }
        var overlapping = entry.Periods.Where(p => p.From <= asked.To && (p.To is null || p.To >= asked.From)).ToList();
        var label = Label(asked.From, asked.To, language);
        if (overlapping.Count == 1)
        {
            var format = asked.IsSingleDay ? PeriodMessages.OnDay : PeriodMessages.InRange;
            return string.Format(culture, format.For(language), label) + " " + overlapping[0].Answer.For(language);
        }
        if (overlapping.Count > 1)
        {
            var lines = overlapping.Select(p => $"- {When(p, language)}: {p.Answer.For(language)}");
            return string.Format(culture, PeriodMessages.Changed.For(language), label) + "\n" + string.Join("\n", lines);
        }
        var first = entry.Periods[0];
        var last = entry.Periods[^1];
        string lead;
        if (asked.To < first.From)
        {
            lead = string.Format(culture, PeriodMessages.NotYet.For(language), Capitalize(label), Day(first.From, language));
        }
        else if (last.To is { } end && asked.From > end)
        {
            lead = string.Format(culture, PeriodMessages.NoLonger.For(language), Capitalize(label), Day(end.AddDays(1), language));
        }
        else
        {
            lead = string.Format(culture, PeriodMessages.NoRule.For(language), Capitalize(label));
        }
        return lead + " " + entry.Answer.For(language);
    }

    /// <summary>Today: the entry's answer (written to say what applies now), naming today's date, and when the rules ended.</summary>
    private static string Now(KnowledgeEntry entry, Language language, DateOnly today, CultureInfo culture)
    {
        var text = entry.Answer.For(language);
        if (entry.Periods.Count == 0)
        {
            return text;
        }
        var lead = string.Format(culture, PeriodMessages.Today.For(language), Day(today, language));
        if (entry.Periods[^1].To is { } end && end < today)
        {
            lead += " " + string.Format(culture, PeriodMessages.EndedSince.For(language), Day(end.AddDays(1), language));
        }
        return lead + " " + text;
    }

    /// <summary>"24 december 2020", "januari 2021", "2021", or "1 mars 2021 – 31 maj 2021", in the language's words.</summary>
    public static string Label(DateOnly from, DateOnly to, Language language)
    {
        if (from == to)
        {
            return Day(from, language);
        }
        if (from.Day == 1 && to == from.AddMonths(1).AddDays(-1))
        {
            return LanguageFormats.MonthYear(from, language);
        }
        if (from.Month == 1 && from.Day == 1 && to.Month == 12 && to.Day == 31 && from.Year == to.Year)
        {
            return from.Year.ToString(CultureInfo.InvariantCulture);
        }
        if (from.Year == to.Year && from.Month == to.Month)
        {
            return $"{from.Day}{(language == Language.Finnish ? "." : "")}–{Day(to, language)}";
        }
        if (from.Year == to.Year)
        {
            return $"{LanguageFormats.DayMonth(from, language)} – {Day(to, language)}";
        }
        return $"{Day(from, language)} – {Day(to, language)}";
    }

    /// <summary>"29 mars – 23 november 2020", or "från 9 februari 2022" for a period still in force.</summary>
    private static string When(RulePeriod period, Language language) =>
        period.To is { } to
            ? Label(period.From, to, language)
            : string.Format(language.Culture(), PeriodMessages.From.For(language), Day(period.From, language));

    private static string Day(DateOnly date, Language language) => LanguageFormats.Date(date, language);

    private static string Capitalize(string text) =>
        text.Length > 0 && char.IsLetter(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
