using System.Globalization;
using Knowledge.Content;

namespace Knowledge.Exchange;

/// <summary>Where imported pairs go when they do not say it themselves.</summary>
public sealed record ImportDefaults(IReadOnlyList<Topic> Topics, string DefaultTopic, string? DefaultSource);

/// <summary>
/// Converts between our entries and question-answer pairs. An entry becomes a Swedish pair and,
/// when it has English, an English pair, both with the metadata `entry:<id>`, `topic:<topic>` and
/// `lang:sv|en` (plus the flags), so that an exported knowledge base imports back as it was.
/// Pairs from another knowledge base become one entry each.
/// </summary>
public static class QnaConverter
{
    public const string EntryKey = "entry";
    public const string TopicKey = "topic";
    public const string LanguageKey = "lang";

    public static IReadOnlyList<QnaPair> ToPairs(KnowledgeBase knowledge, List<ExchangeNote> notes)
    {
        var entries = knowledge.Entries;
        var swedishId = new Dictionary<string, int>(StringComparer.Ordinal);
        var englishId = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 1;
        foreach (var entry in entries)
        {
            swedishId[entry.Id] = next++;
        }
        foreach (var entry in entries.Where(HasEnglish))
        {
            englishId[entry.Id] = next++;
        }

        var pairs = new List<QnaPair>();
        foreach (var entry in entries)
        {
            if (entry.Periods.Count > 0)
            {
                notes.Add(new ExchangeNote(entry.Location.ToString(), $"`{entry.Id}` has rule periods; only its main answer is exported"));
            }
            pairs.Add(new QnaPair(swedishId[entry.Id], entry.SwedishQuestions.ToList(), entry.Answer.Sv, entry.Source,
                Metadata(entry, "sv"), entry.ContextOnly, Prompts(entry, knowledge, swedishId, Language.Swedish)));
        }
        foreach (var entry in entries.Where(HasEnglish))
        {
            var questions = entry.QuestionsEn.Count > 0 ? entry.QuestionsEn.ToList() : [entry.Question];
            pairs.Add(new QnaPair(englishId[entry.Id], questions, entry.Answer.En, entry.Source,
                Metadata(entry, "en"), entry.ContextOnly, Prompts(entry, knowledge, englishId, Language.English)));
        }
        return pairs;
    }

    public static IReadOnlyList<KnowledgeEntry> ToEntries(IReadOnlyList<QnaPair> pairs, ImportDefaults defaults, string fileName, List<ExchangeNote> notes)
    {
        var groups = pairs
            .GroupBy(p => p.Meta(EntryKey) ?? "#" + p.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .ToList();
        var entryIdOfPair = new Dictionary<int, string>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var planned = new List<(string Id, QnaPair Swedish, QnaPair? English)>();
        foreach (var group in groups)
        {
            var swedish = group.FirstOrDefault(p => !IsEnglish(p)) ?? group.First();
            var english = group.FirstOrDefault(p => IsEnglish(p) && !ReferenceEquals(p, swedish));
            var id = UniqueId(swedish.Meta(EntryKey) is { } given && ContentLoader.IdPattern().IsMatch(given)
                ? given
                : "qna-" + swedish.Id.ToString(CultureInfo.InvariantCulture), usedIds);
            foreach (var pair in group)
            {
                entryIdOfPair[pair.Id] = id;
            }
            planned.Add((id, swedish, english));
        }

        var entries = new List<KnowledgeEntry>();
        foreach (var (id, swedish, english) in planned)
        {
            var where = $"{fileName}: pair {swedish.Id} → {id}";
            if (swedish.Questions.Count == 0 || string.IsNullOrWhiteSpace(swedish.Answer))
            {
                notes.Add(new ExchangeNote(where, "no question or no answer; skipped"));
                continue;
            }
            if (swedish.Questions.Count == 1)
            {
                notes.Add(new ExchangeNote(where, "only one question: add alternatives (the content needs at least one)"));
            }
            var answerEn = english?.Answer;
            if (string.IsNullOrWhiteSpace(answerEn))
            {
                notes.Add(new ExchangeNote(where, "no English answer: the Swedish answer was copied to `en`; translate it"));
                answerEn = swedish.Answer;
            }
            entries.Add(new KnowledgeEntry
            {
                Id = id,
                Topic = TopicOf(swedish, defaults, where, notes),
                Question = swedish.Questions[0],
                Alternatives = swedish.Questions.Skip(1).ToList(),
                // An English pair exported without English questions carries the Swedish question.
                QuestionsEn = english?.Questions.Where(q => q != swedish.Questions[0]).ToList() ?? [],
                Answer = new LocalizedText(swedish.Answer.Trim(), answerEn.Trim()),
                Source = SourceOf(swedish, defaults, where, notes),
                Followups = swedish.Prompts.OrderBy(p => p.DisplayOrder)
                    .Select(p => entryIdOfPair.GetValueOrDefault(p.QnaId))
                    .OfType<string>().Where(f => f != id).Distinct().ToList(),
                OfferGuide = Flag(swedish, "offerguide"),
                Handoff = Flag(swedish, "handoff"),
                Sample = Flag(swedish, "sample"),
                ContextOnly = swedish.IsContextOnly,
                Valid = Range(swedish),
                Location = new SourceLocation(fileName, swedish.Id),
            });
            foreach (var prompt in swedish.Prompts.Where(p => !entryIdOfPair.ContainsKey(p.QnaId)))
            {
                notes.Add(new ExchangeNote(where, $"the follow-up prompt to pair {prompt.QnaId} leads nowhere; left out"));
            }
        }
        return entries;
    }

    private static bool HasEnglish(KnowledgeEntry entry) => !string.IsNullOrWhiteSpace(entry.Answer.En);

    private static bool IsEnglish(QnaPair pair) => string.Equals(pair.Meta(LanguageKey), "en", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> Metadata(KnowledgeEntry entry, string language)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [EntryKey] = entry.Id,
            [TopicKey] = entry.Topic,
            [LanguageKey] = language,
        };
        if (entry.Handoff)
        {
            metadata["handoff"] = "true";
        }
        if (entry.OfferGuide)
        {
            metadata["offerguide"] = "true";
        }
        if (entry.Sample)
        {
            metadata["sample"] = "true";
        }
        if (entry.Valid?.From is { } from)
        {
            metadata["validfrom"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (entry.Valid?.To is { } to)
        {
            metadata["validto"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return metadata;
    }

    private static List<QnaPrompt> Prompts(KnowledgeEntry entry, KnowledgeBase knowledge, Dictionary<string, int> ids, Language language) =>
        entry.Followups
            .Select(knowledge.Find)
            .OfType<KnowledgeEntry>()
            .Where(f => ids.ContainsKey(f.Id))
            .Select((f, i) => new QnaPrompt(i + 1, ids[f.Id],
                language == Language.English && f.QuestionsEn.Count > 0 ? f.QuestionsEn[0] : f.Question))
            .ToList();

    private static string UniqueId(string id, HashSet<string> used)
    {
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{id}-{n}";
        }
        return candidate;
    }

    private static string TopicOf(QnaPair pair, ImportDefaults defaults, string where, List<ExchangeNote> notes)
    {
        var named = pair.Meta(TopicKey) ?? pair.Meta("category");
        if (named is not null && defaults.Topics.FirstOrDefault(t => string.Equals(t.Name, named, StringComparison.OrdinalIgnoreCase)) is { } topic)
        {
            return topic.Name;
        }
        if (named is not null)
        {
            notes.Add(new ExchangeNote(where, $"the topic `{named}` is not in topics.yaml; put under `{defaults.DefaultTopic}`"));
        }
        return defaults.DefaultTopic;
    }

    private static string SourceOf(QnaPair pair, ImportDefaults defaults, string where, List<ExchangeNote> notes)
    {
        if (Uri.TryCreate(pair.Source, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            return pair.Source;
        }
        if (defaults.DefaultSource is { } fallback)
        {
            notes.Add(new ExchangeNote(where, $"the source `{pair.Source}` is not a web address; used {fallback}"));
            return fallback;
        }
        notes.Add(new ExchangeNote(where, $"the source `{pair.Source}` is not a web address (give --source)"));
        return pair.Source;
    }

    private static bool Flag(QnaPair pair, string key) => string.Equals(pair.Meta(key), "true", StringComparison.OrdinalIgnoreCase);

    private static DateRange? Range(QnaPair pair)
    {
        var from = Date(pair.Meta("validfrom"));
        var to = Date(pair.Meta("validto"));
        return from is null && to is null ? null : new DateRange(from, to);
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
