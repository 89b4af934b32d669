using System.Globalization;
using Knowledge.Calendar;
using Knowledge.Facilities;
using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>Reads facilities.yaml: kinds with their holiday rules, and facilities with their hours (see content/README.md).</summary>
internal static class FacilityFileReader
{
    public const string FileName = "facilities.yaml";

    private static readonly HashSet<string> FacilityFields = new(StringComparer.Ordinal)
    {
        "id", "name", "kind", "address", "aliases", "hours", "notes", "exceptions", "closures", "source", "features", "language", "sample",
    };

    private static readonly HashSet<string> KindFields = new(StringComparer.Ordinal)
    {
        "name", "words", "source", "closed_on", "other_holidays", "day_before_holiday",
    };

    private static readonly string[] DayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static FacilityCatalog Read(string path, string display, List<ContentProblem> problems)
    {
        if (!File.Exists(path))
        {
            return FacilityCatalog.Empty;
        }
        var yaml = new YamlFile(display, problems);
        var root = yaml.LoadRoot(path);
        if (root is null)
        {
            return FacilityCatalog.Empty;
        }
        foreach (var key in root.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && name is not ("sample" or "kinds" or "facilities"))
            {
                yaml.Problem(YamlFile.Line(key), $"unknown field `{name}`");
            }
        }
        var kinds = ReadKinds(yaml, root);
        var facilities = new List<Facility>();
        if (yaml.Field(root, "facilities") is not YamlSequenceNode list)
        {
            yaml.Problem(YamlFile.Line(root), "the file needs a list `facilities:`");
            return new FacilityCatalog([], kinds, yaml.Flag(root, "sample"));
        }
        foreach (var node in list)
        {
            if (node is not YamlMappingNode map)
            {
                yaml.Problem(YamlFile.Line(node), "each facility must have named fields (id, name, kind, hours …)");
                continue;
            }
            if (ReadFacility(yaml, map, kinds) is { } facility)
            {
                if (facilities.FirstOrDefault(f => f.Id == facility.Id) is { } first)
                {
                    yaml.Problem(facility.Location.Line, $"the id `{facility.Id}` is already used at {first.Location}");
                    continue;
                }
                facilities.Add(facility);
            }
        }
        return new FacilityCatalog(facilities, kinds, yaml.Flag(root, "sample"));
    }

    private static List<FacilityKind> ReadKinds(YamlFile yaml, YamlMappingNode root)
    {
        var kinds = new List<FacilityKind>();
        if (yaml.Field(root, "kinds") is not YamlMappingNode map)
        {
            yaml.Problem(YamlFile.Line(root), "the file needs `kinds:` (library, pool … with their holiday rules)");
            return kinds;
        }
        var holidayKeys = SwedishHolidays.For(2026).Select(h => OpeningHours.HolidayKey(h.Name)).Append(HolidayRule.AllHolidays).ToHashSet(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var id = (keyNode as YamlScalarNode)?.Value ?? "";
            if (valueNode is not YamlMappingNode kind)
            {
                yaml.Problem(YamlFile.Line(valueNode), $"the kind `{id}` needs `name`, `words`, `source` and its holiday rule");
                continue;
            }
            foreach (var key in kind.Children.Keys)
            {
                if (key is YamlScalarNode { Value: { } name } && !KindFields.Contains(name))
                {
                    yaml.Problem(YamlFile.Line(key), $"unknown field `{name}` in the kind `{id}`");
                }
            }
            var owner = $"the kind `{id}`";
            var plural = Localized(yaml, kind, "name", owner, required: true);
            var words = yaml.TextList(kind, "words", minimum: 1, owner);
            var source = Source(yaml, kind, owner, required: true);
            var closedOn = yaml.TextList(kind, "closed_on", minimum: 0, owner);
            foreach (var day in closedOn.Where(d => !holidayKeys.Contains(d)))
            {
                yaml.Problem(YamlFile.Line(yaml.Field(kind, "closed_on")!), $"`{day}` in `closed_on` of {owner} is not a holiday (use e.g. julafton, juldagen, långfredagen, all_holidays)");
            }
            var other = yaml.Text(kind, "other_holidays", required: false, owner);
            if (other is not null and not "weekend_hours" and not "regular_hours")
            {
                yaml.Problem(YamlFile.Line(yaml.Field(kind, "other_holidays")!), $"`other_holidays` of {owner} must be weekend_hours or regular_hours");
            }
            TimeOnly? early = null;
            if (yaml.Field(kind, "day_before_holiday") is { } before)
            {
                early = before is YamlMappingNode beforeMap && yaml.Text(beforeMap, "closes", required: true, $"`day_before_holiday` of {owner}") is { } text
                    ? Time(yaml, text, YamlFile.Line(before))
                    : Invalid(yaml, before, $"`day_before_holiday` of {owner} needs `closes: \"HH:MM\"`");
            }
            if (plural is not null && source is not null)
            {
                kinds.Add(new FacilityKind(id, plural, words, new HolidayRule(closedOn.ToHashSet(StringComparer.Ordinal), other == "weekend_hours", early), source));
            }
        }
        return kinds;
    }

    private static Facility? ReadFacility(YamlFile yaml, YamlMappingNode map, IReadOnlyList<FacilityKind> kinds)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } field } && !FacilityFields.Contains(field))
            {
                yaml.Problem(YamlFile.Line(key), $"unknown field `{field}`");
            }
        }
        var line = YamlFile.Line(map);
        var id = yaml.Text(map, "id", required: true, "the facility");
        var owner = id is null ? "the facility" : $"`{id}`";
        if (id is not null && !ContentLoader.IdPattern().IsMatch(id))
        {
            yaml.Problem(line, $"the id `{id}` may only use lowercase a-z, 0-9 and dashes");
        }
        var name = yaml.Text(map, "name", required: true, owner);
        var kindId = yaml.Text(map, "kind", required: true, owner);
        var kind = kinds.FirstOrDefault(k => k.Id == kindId);
        if (kindId is not null && kind is null)
        {
            yaml.Problem(YamlFile.Line(yaml.Field(map, "kind")!), $"the kind `{kindId}` of {owner} is not under `kinds:`");
        }
        var closures = ReadClosures(yaml, map, owner);
        var hours = ReadWeek(yaml, map, owner, required: closures.Count == 0 || closures.Any(c => c.From is not null || c.To is not null));
        var source = Source(yaml, map, owner, required: false) ?? kind?.Source;
        var language = yaml.Text(map, "language", required: false, owner);
        if (language is not null && !LanguageCodes.IsKnown(language))
        {
            yaml.Problem(YamlFile.Line(yaml.Field(map, "language")!), $"`language` of {owner} must be one of {string.Join(", ", LanguageCodes.All)}");
            language = null;
        }
        if (id is null || name is null || kind is null || source is null)
        {
            return null;
        }
        return new Facility
        {
            Id = id,
            Name = name,
            Kind = kind.Id,
            Address = yaml.Text(map, "address", required: false, owner),
            Aliases = yaml.TextList(map, "aliases", minimum: 0, owner),
            Hours = hours,
            Notes = yaml.Field(map, "notes") is null ? null : Localized(yaml, map, "notes", owner, required: false),
            Exceptions = ReadExceptions(yaml, map, owner),
            Closures = closures,
            Source = source,
            Sample = yaml.Flag(map, "sample"),
            Language = language,
            Location = new SourceLocation(yaml.DisplayPath, line),
        };
    }

    private static WeeklyHours ReadWeek(YamlFile yaml, YamlMappingNode map, string owner, bool required)
    {
        var days = new Dictionary<DayOfWeek, TimeRange>();
        var node = yaml.Field(map, "hours");
        if (node is null)
        {
            if (required)
            {
                yaml.Problem(YamlFile.Line(map), $"{owner} is missing `hours` (e.g. `hours: {{ mon-fri: \"10:00-18:00\", sat-sun: closed }}`)");
            }
            return new WeeklyHours(days);
        }
        if (node is not YamlMappingNode week)
        {
            yaml.Problem(YamlFile.Line(node), $"`hours` of {owner} must name days, e.g. `{{ mon-fri: \"10:00-18:00\", sat-sun: closed }}`");
            return new WeeklyHours(days);
        }
        var seen = new HashSet<DayOfWeek>();
        foreach (var (keyNode, valueNode) in week.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var line = YamlFile.Line(keyNode);
            var range = DayRange(key);
            if (range is null)
            {
                yaml.Problem(line, $"`{key}` in `hours` of {owner} is not a day or days (mon tue wed thu fri sat sun, or e.g. mon-fri)");
                continue;
            }
            var value = (valueNode as YamlScalarNode)?.Value?.Trim() ?? "";
            var hours = value == "closed" ? null : Hours(yaml, value, line, $"`{key}` in `hours` of {owner}");
            foreach (var day in range)
            {
                if (!seen.Add(day))
                {
                    yaml.Problem(line, $"{day} is given twice in `hours` of {owner}");
                }
                if (hours is not null)
                {
                    days[day] = hours;
                }
            }
        }
        if (seen.Count < 7)
        {
            yaml.Problem(YamlFile.Line(node), $"`hours` of {owner} must cover every day of the week (write `closed` for closed days)");
        }
        return new WeeklyHours(days);
    }

    private static List<DateException> ReadExceptions(YamlFile yaml, YamlMappingNode map, string owner)
    {
        var exceptions = new List<DateException>();
        foreach (var exception in yaml.MappingList(map, "exceptions", owner, $"each exception of {owner} needs `date`, `closed: true` or `hours`, and `reason`"))
        {
            var date = yaml.Date(exception, "date");
            var closed = yaml.Flag(exception, "closed");
            var hoursText = yaml.Text(exception, "hours", required: false, owner);
            var hours = hoursText is null ? null : Hours(yaml, hoursText, YamlFile.Line(exception), $"an exception of {owner}");
            var reason = Localized(yaml, exception, "reason", $"an exception of {owner}", required: true);
            if (date is null)
            {
                yaml.Problem(YamlFile.Line(exception), $"an exception of {owner} is missing `date` (YYYY-MM-DD)");
            }
            if (closed == (hoursText is not null))
            {
                yaml.Problem(YamlFile.Line(exception), $"an exception of {owner} needs either `closed: true` or `hours`");
            }
            if (date is { } d && reason is not null)
            {
                if (exceptions.Any(e => e.Date == d))
                {
                    yaml.Problem(YamlFile.Line(exception), $"{owner} has two exceptions on {d:yyyy-MM-dd}");
                }
                exceptions.Add(new DateException(d, closed ? null : hours, reason));
            }
        }
        return exceptions;
    }

    private static List<TemporaryClosure> ReadClosures(YamlFile yaml, YamlMappingNode map, string owner)
    {
        var closures = new List<TemporaryClosure>();
        foreach (var closure in yaml.MappingList(map, "closures", owner, $"each closure of {owner} needs `reason`, and optional `from` and `to`"))
        {
            var from = yaml.Date(closure, "from");
            var to = yaml.Date(closure, "to");
            var reason = Localized(yaml, closure, "reason", $"a closure of {owner}", required: true);
            if (from > to)
            {
                yaml.Problem(YamlFile.Line(closure), $"a closure of {owner} ends before it starts");
            }
            if (reason is not null)
            {
                closures.Add(new TemporaryClosure(from, to, reason));
            }
        }
        return closures;
    }

    /// <summary>
    /// A text, either one text for every language or `{ sv: …, en: …, fi: …, ar: …, fa: …, so: …, sv-easy: … }`
    /// (Swedish required; a language left out falls back to English, then Swedish).
    /// </summary>
    private static LocalizedText? Localized(YamlFile yaml, YamlMappingNode map, string name, string owner, bool required)
    {
        var node = yaml.Field(map, name);
        if (node is YamlMappingNode texts)
        {
            foreach (var key in texts.Children.Keys)
            {
                if (key is YamlScalarNode { Value: { } code } && !LanguageCodes.IsKnown(code))
                {
                    yaml.Problem(YamlFile.Line(key), $"`{name}` of {owner} has an unknown language `{code}` (known: {string.Join(", ", LanguageCodes.All)})");
                }
            }
            var sv = yaml.Text(texts, "sv", required: true, $"`{name}` of {owner}");
            var en = yaml.Text(texts, "en", required: false, $"`{name}` of {owner}");
            var translations = new Dictionary<Language, string>();
            foreach (var language in LanguageCodes.Translations)
            {
                if (yaml.Text(texts, language.Code(), required: false, $"`{name}` of {owner}") is { } text)
                {
                    translations[language] = text;
                }
            }
            return sv is null ? null : new LocalizedText(sv, en ?? sv) { Translations = translations };
        }
        var single = yaml.Text(map, name, required, owner);
        return single is null ? null : new LocalizedText(single, single);
    }

    private static string? Source(YamlFile yaml, YamlMappingNode map, string owner, bool required)
    {
        var source = yaml.Text(map, "source", required, owner);
        if (source is not null && !Uri.TryCreate(source, UriKind.Absolute, out _))
        {
            yaml.Problem(YamlFile.Line(yaml.Field(map, "source")!), $"`source` of {owner} must be a full web address (https://…)");
            return null;
        }
        return source;
    }

    private static List<DayOfWeek>? DayRange(string key)
    {
        var parts = key.Split('-');
        var first = Array.IndexOf(DayKeys, parts[0]);
        var last = parts.Length == 2 ? Array.IndexOf(DayKeys, parts[1]) : first;
        if (parts.Length > 2 || first < 0 || last < first)
        {
            return null;
        }
        return Enumerable.Range(first, last - first + 1).Select(i => (DayOfWeek)((i + 1) % 7)).ToList();
    }

    private static TimeRange? Hours(YamlFile yaml, string value, int line, string owner)
    {
        var parts = value.Split('-');
        if (parts.Length == 2 && Parse(parts[0]) is { } opens && Parse(parts[1]) is { } closes && opens < closes)
        {
            return new TimeRange(opens, closes);
        }
        yaml.Problem(line, $"{owner} must be `closed` or hours like \"10:00-18:00\" (opening before closing), not `{value}`");
        return null;
    }

    private static TimeOnly? Time(YamlFile yaml, string value, int line)
    {
        var time = Parse(value);
        if (time is null)
        {
            yaml.Problem(line, $"`{value}` is not a time like \"15:00\"");
        }
        return time;
    }

    private static TimeOnly? Invalid(YamlFile yaml, YamlNode node, string message)
    {
        yaml.Problem(YamlFile.Line(node), message);
        return null;
    }

    private static TimeOnly? Parse(string text) =>
        TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
