using YamlDotNet.RepresentationModel;

namespace Knowledge.Content;

/// <summary>Reads one entries/*.yaml file.</summary>
internal static class EntryFileReader
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "id", "question", "alternatives", "questions_en", "answer", "source", "followups",
        "offer_guide", "handoff", "sample", "context_only", "valid", "periods", "topic", "reviewed",
        "questions_fi", "questions_ar", "questions_fa", "questions_so",
    };

    /// <summary>The answer's language keys besides `sv` and `en`.</summary>
    private static readonly Language[] Translated = LanguageCodes.Translations.ToArray();

    public static IEnumerable<KnowledgeEntry> Read(string path, string display, IReadOnlyList<Topic> topics, List<ContentProblem> problems)
    {
        var yaml = new YamlFile(display, problems);
        var root = yaml.LoadRoot(path);
        if (root is null)
        {
            return [];
        }
        var fileTopic = yaml.Text(root, "topic", required: true, "the file");
        if (fileTopic is not null && !topics.Any(t => string.Equals(t.Name, fileTopic, StringComparison.OrdinalIgnoreCase)))
        {
            yaml.Problem(YamlFile.Line(yaml.Field(root, "topic")!), $"the topic `{fileTopic}` is not in topics.yaml");
        }
        if (yaml.Field(root, "entries") is not YamlSequenceNode list)
        {
            yaml.Problem(YamlFile.Line(root), "the file needs a list `entries:`");
            return [];
        }
        var entries = new List<KnowledgeEntry>();
        foreach (var node in list)
        {
            if (node is not YamlMappingNode map)
            {
                yaml.Problem(YamlFile.Line(node), "each entry must have named fields (id, question, answer …)");
                continue;
            }
            var entry = ReadEntry(yaml, map, fileTopic ?? "", topics);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    private static KnowledgeEntry? ReadEntry(YamlFile yaml, YamlMappingNode map, string fileTopic, IReadOnlyList<Topic> topics)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && !KnownFields.Contains(name))
            {
                yaml.Problem(YamlFile.Line(key), $"unknown field `{name}`");
            }
        }
        var line = YamlFile.Line(map);
        var id = yaml.Text(map, "id", required: true, "the entry");
        var owner = id is null ? "the entry" : $"`{id}`";
        if (id is not null && !ContentLoader.IdPattern().IsMatch(id))
        {
            yaml.Problem(line, $"the id `{id}` may only use lowercase a-z, 0-9 and dashes");
        }
        var topic = yaml.Text(map, "topic", required: false, owner) ?? fileTopic;
        if (yaml.Field(map, "topic") is { } topicNode && !topics.Any(t => string.Equals(t.Name, topic, StringComparison.OrdinalIgnoreCase)))
        {
            yaml.Problem(YamlFile.Line(topicNode), $"the topic `{topic}` is not in topics.yaml");
        }
        var question = yaml.Text(map, "question", required: true, owner);
        var alternatives = yaml.TextList(map, "alternatives", minimum: 1, owner);
        var questionsEn = yaml.TextList(map, "questions_en", minimum: 0, owner);
        var reviewed = ReadReviewed(yaml, map, owner);
        var answer = ReadAnswer(yaml, map, "answer", owner, required: true, reviewed);
        var translatedQuestions = new Dictionary<Language, IReadOnlyList<string>>();
        foreach (var language in Translated.Where(l => l != Language.EasySwedish))
        {
            var list = yaml.TextList(map, $"questions_{language.Code()}", minimum: 0, owner);
            if (list.Count > 0)
            {
                translatedQuestions[language] = list;
            }
        }
        var source = yaml.Text(map, "source", required: true, owner);
        if (source is not null && !Uri.TryCreate(source, UriKind.Absolute, out _))
        {
            yaml.Problem(YamlFile.Line(yaml.Field(map, "source")!), $"`source` of {owner} must be a full web address (https://…)");
        }
        foreach (var text in alternatives.Concat(questionsEn).Concat(translatedQuestions.Values.SelectMany(q => q)).Append(question ?? ""))
        {
            if (text.Length > ContentLoader.MaxQuestionLength)
            {
                yaml.Problem(line, $"a question of {owner} is longer than {ContentLoader.MaxQuestionLength} characters");
            }
        }
        var entry = new KnowledgeEntry
        {
            Id = id ?? "",
            Topic = topic,
            Question = question ?? "",
            Alternatives = alternatives,
            QuestionsEn = questionsEn,
            TranslatedQuestions = translatedQuestions,
            Answer = answer ?? new LocalizedText("", ""),
            Source = source ?? "",
            Followups = yaml.TextList(map, "followups", minimum: 0, owner),
            OfferGuide = yaml.Flag(map, "offer_guide"),
            Handoff = yaml.Flag(map, "handoff"),
            Sample = yaml.Flag(map, "sample"),
            ContextOnly = yaml.Flag(map, "context_only"),
            Valid = ReadRange(yaml, map, owner),
            Periods = ReadPeriods(yaml, map, owner, reviewed),
            Location = new SourceLocation(yaml.DisplayPath, line),
        };
        return id is null || question is null || answer is null || source is null ? null : entry;
    }

    private static LocalizedText? ReadAnswer(YamlFile yaml, YamlMappingNode map, string name, string owner, bool required, IReadOnlySet<Language> reviewed)
    {
        var node = yaml.Field(map, name);
        if (node is null)
        {
            if (required)
            {
                yaml.Problem(YamlFile.Line(map), $"{owner} is missing `{name}`");
            }
            return null;
        }
        if (node is not YamlMappingNode texts)
        {
            yaml.Problem(YamlFile.Line(node), $"`{name}` of {owner} needs `sv:` and `en:` texts");
            return null;
        }
        foreach (var key in texts.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } code } && code is not ("sv" or "en") && !Translated.Any(l => l.Code() == code))
            {
                yaml.Problem(YamlFile.Line(key), $"`{name}` of {owner} has an unknown language `{code}` (known: {string.Join(", ", LanguageCodes.All)})");
            }
        }
        var sv = yaml.Text(texts, "sv", required: true, $"`{name}` of {owner}");
        var en = yaml.Text(texts, "en", required: true, $"`{name}` of {owner}");
        var translations = new Dictionary<Language, string>();
        foreach (var language in Translated)
        {
            if (yaml.Text(texts, language.Code(), required: false, $"`{name}` of {owner}") is { } text)
            {
                translations[language] = text;
            }
        }
        // Translations may run longer than the Swedish (Finnish and Somali words are long), so the limit is relaxed for them.
        if ((sv?.Length ?? 0) > ContentLoader.MaxAnswerLength || (en?.Length ?? 0) > ContentLoader.MaxAnswerLength
            || translations.Values.Any(t => t.Length > 2 * ContentLoader.MaxAnswerLength))
        {
            yaml.Problem(YamlFile.Line(node), $"`{name}` of {owner} is longer than {ContentLoader.MaxAnswerLength} characters");
        }
        return sv is null || en is null ? null : new LocalizedText(sv, en) { Translations = translations, Reviewed = reviewed };
    }

    /// <summary>`reviewed: [fi, ar]`: the translations of this entry an editor has checked.</summary>
    private static IReadOnlySet<Language> ReadReviewed(YamlFile yaml, YamlMappingNode map, string owner)
    {
        var reviewed = new HashSet<Language>();
        foreach (var code in yaml.TextList(map, "reviewed", minimum: 0, owner))
        {
            if (LanguageCodes.TranslatedFromCode(code) is { } language)
            {
                reviewed.Add(language);
            }
            else
            {
                yaml.Problem(YamlFile.Line(yaml.Field(map, "reviewed")!), $"`reviewed` of {owner} lists `{code}`, which is not a translated language ({string.Join(", ", Translated.Select(l => l.Code()))})");
            }
        }
        return reviewed;
    }

    private static DateRange? ReadRange(YamlFile yaml, YamlMappingNode map, string owner)
    {
        var node = yaml.Field(map, "valid");
        if (node is null)
        {
            return null;
        }
        if (node is not YamlMappingNode range)
        {
            yaml.Problem(YamlFile.Line(node), $"`valid` of {owner} needs `from:` and/or `to:`");
            return null;
        }
        var from = yaml.Date(range, "from");
        var to = yaml.Date(range, "to");
        if (from is null && to is null)
        {
            yaml.Problem(YamlFile.Line(node), $"`valid` of {owner} needs `from:` and/or `to:`");
        }
        if (from > to)
        {
            yaml.Problem(YamlFile.Line(node), $"`valid` of {owner} ends before it starts");
        }
        return new DateRange(from, to);
    }

    private static IReadOnlyList<RulePeriod> ReadPeriods(YamlFile yaml, YamlMappingNode map, string owner, IReadOnlySet<Language> reviewed)
    {
        var items = yaml.MappingList(map, "periods", owner, $"each period of {owner} needs `from`, optional `to`, and `answer`");
        var periods = new List<RulePeriod>();
        foreach (var period in items)
        {
            var from = yaml.Date(period, "from");
            var to = yaml.Date(period, "to");
            var answer = ReadAnswer(yaml, period, "answer", owner, required: true, reviewed);
            if (from is null)
            {
                yaml.Problem(YamlFile.Line(period), $"a period of {owner} is missing `from`");
                continue;
            }
            if (to is not null && to < from)
            {
                yaml.Problem(YamlFile.Line(period), $"a period of {owner} ends before it starts");
            }
            if (answer is not null)
            {
                periods.Add(new RulePeriod(from.Value, to, answer));
            }
        }
        var ordered = periods.OrderBy(p => p.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].To is null || ordered[i - 1].To >= ordered[i].From)
            {
                yaml.Problem(YamlFile.Line(yaml.Field(map, "periods")!), $"the periods of {owner} overlap around {ordered[i].From:yyyy-MM-dd}");
            }
        }
        return ordered;
    }
}
