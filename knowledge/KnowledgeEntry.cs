namespace Knowledge;

/// <summary>One question the contact center answers, with the ways residents ask it.</summary>
public sealed record KnowledgeEntry
{
    public required string Id { get; init; }
    public required string Topic { get; init; }
    public required string Question { get; init; }
    public IReadOnlyList<string> Alternatives { get; init; } = [];
    public IReadOnlyList<string> QuestionsEn { get; init; } = [];
    /// <summary>Ways to ask it in Finnish, Arabic, Persian and Somali.</summary>
    public IReadOnlyDictionary<Language, IReadOnlyList<string>> TranslatedQuestions { get; init; } = new Dictionary<Language, IReadOnlyList<string>>();
    public required LocalizedText Answer { get; init; }
    public required string Source { get; init; }
    public IReadOnlyList<string> Followups { get; init; } = [];
    public bool OfferGuide { get; init; }
    public bool Handoff { get; init; }
    public bool Sample { get; init; }
    public bool ContextOnly { get; init; }
    public DateRange? Valid { get; init; }
    public IReadOnlyList<RulePeriod> Periods { get; init; } = [];
    public required SourceLocation Location { get; init; }

    /// <summary>The Swedish question followed by its alternatives.</summary>
    public IEnumerable<string> SwedishQuestions => Alternatives.Prepend(Question);

    /// <summary>The languages the entry has an answer in.</summary>
    public IReadOnlyList<Language> Languages => LanguageCodes.Served.Where(Answer.Has).ToArray();

    /// <summary>The ways residents ask it in <paramref name="language"/> (easy Swedish is asked in Swedish).</summary>
    public IReadOnlyList<string> QuestionsIn(Language language) => language.Written() switch
    {
        Language.Swedish => SwedishQuestions.ToArray(),
        Language.English => QuestionsEn,
        var other => TranslatedQuestions.TryGetValue(other, out var list) ? list : [],
    };

    /// <summary>The rule period that covers <paramref name="date"/>, if the entry has periods.</summary>
    public RulePeriod? PeriodAt(DateOnly date) =>
        Periods.FirstOrDefault(p => p.From <= date && (p.To is null || date <= p.To));
}

/// <summary>A version of a rule that applied between two dates (both inclusive).</summary>
public sealed record RulePeriod(DateOnly From, DateOnly? To, LocalizedText Answer);

/// <summary>Dates between which something is current; either end may be open.</summary>
public sealed record DateRange(DateOnly? From, DateOnly? To)
{
    public bool Contains(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);
}

public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
