using System.Text.RegularExpressions;
using Dialogs.Learning;
using Dialogs.Main;
using Lucene.Net.Analysis.Sv;

namespace Bot.Statistics;

/// <summary>A question the bot did not answer well, and why.</summary>
internal sealed record UnansweredQuestion(string Text, DateTimeOffset At, string Outcome, double Confidence, string Reason, string? EntryId, string Language = "sv");

/// <summary>One group of the learning inbox (design/interfaces.md: example, count, lastSeen, samples).</summary>
internal sealed record UnansweredGroup(
    string Example,
    int Count,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<UnansweredSample> Samples,
    IReadOnlyDictionary<string, int> Reasons,
    IReadOnlyList<string> SuggestedEntries)
{
    /// <summary>The language (code) most of the group's questions were written in.</summary>
    public string Language { get; init; } = "sv";

    /// <summary>How many of the group's questions were written in each language (code).</summary>
    public IReadOnlyDictionary<string, int> Languages { get; init; } = new Dictionary<string, int>();
}

/// <summary>One question of a group, with the language (code) it was written in.</summary>
internal sealed record UnansweredSample(string Text, DateTimeOffset At, string Outcome, double Confidence, string Reason, string Language = "sv");

/// <summary>
/// The learning inbox: questions the bot could not answer (fallback, or handed over because it
/// could not answer), only offered options (clarify), answered with low confidence, or whose answer
/// got a "Nej" — grouped by similarity and ranked by how often they come.
/// </summary>
internal static partial class UnansweredInbox
{
    public const string NotAnswered = "not-answered";
    public const string Clarified = "clarified";
    public const string LowConfidence = "low-confidence";
    public const string NotHelpful = "not-helpful";

    /// <summary>Two questions are alike when they share at least this share of their combined words (Jaccard).</summary>
    public const double Similarity = 0.5;
    private const int MaxSamples = 5;

    public static UnansweredQuestion? Select(StatTurn turn, double answerThreshold, double lowConfidence)
    {
        if (turn.Question is not { Length: > 0 } text || !StatisticsCalculator.IsQuestion(turn))
        {
            return null;
        }
        var reason = turn switch
        {
            { Verdict: FeedbackValues.NotHelpful } => NotHelpful,
            { Outcome: Outcomes.Fallback } => NotAnswered,
            // A handoff with no entry and a low confidence is "could not answer twice"; asking for a
            // person or an entry marked handoff is not a gap in the knowledge.
            { Outcome: Outcomes.Handoff, AnswerId: null } when turn.Confidence < answerThreshold => NotAnswered,
            { Outcome: Outcomes.Clarify } => Clarified,
            { Outcome: Outcomes.Answer } when turn.Confidence < lowConfidence => LowConfidence,
            _ => null,
        };
        return reason is null ? null : new UnansweredQuestion(text, turn.At, turn.Outcome, turn.Confidence, reason, turn.AnswerId ?? turn.TopCandidate, turn.Language);
    }

    /// <summary>
    /// Leader clustering, in time order: a question joins the existing group whose first question
    /// is most alike (word-set Jaccard ≥ <see cref="Similarity"/>), otherwise it starts a new group.
    /// Words are lower-cased, stop words dropped and reduced with Lucene's Swedish light stemmer.
    /// </summary>
    public static IReadOnlyList<UnansweredGroup> Group(IEnumerable<UnansweredQuestion> questions)
    {
        var groups = new List<(HashSet<string> Leader, string Key, List<UnansweredQuestion> Members)>();
        foreach (var question in questions.OrderBy(q => q.At))
        {
            var terms = Terms(question.Text);
            var key = terms.Count == 0 ? Normalize(question.Text) : "";
            var best = -1;
            var bestScore = 0.0;
            for (var i = 0; i < groups.Count; i++)
            {
                var score = terms.Count == 0 ? (groups[i].Key == key ? 1 : 0) : Jaccard(terms, groups[i].Leader);
                if (score >= Similarity && score > bestScore)
                {
                    (best, bestScore) = (i, score);
                }
            }
            if (best < 0)
            {
                groups.Add((terms, key, [question]));
            }
            else
            {
                groups[best].Members.Add(question);
            }
        }
        return groups
            .Select(g => ToGroup(g.Members))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.LastSeen)
            .ToList();
    }

    private static UnansweredGroup ToGroup(List<UnansweredQuestion> members)
    {
        var example = members
            .GroupBy(m => Normalize(m.Text))
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(m => m.At))
            .First()
            .OrderBy(m => m.Text.Contains('[', StringComparison.Ordinal))
            .ThenByDescending(m => m.At)
            .First().Text;
        return new UnansweredGroup(
            example,
            members.Count,
            members.Min(m => m.At),
            members.Max(m => m.At),
            members.OrderByDescending(m => m.At)
                .DistinctBy(m => Normalize(m.Text))
                .Take(MaxSamples)
                .Select(m => new UnansweredSample(m.Text, m.At, m.Outcome, m.Confidence, m.Reason, m.Language))
                .ToList(),
            members.GroupBy(m => m.Reason).ToDictionary(g => g.Key, g => g.Count()),
            members.Where(m => m.EntryId is not null)
                .GroupBy(m => m.EntryId!)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .Take(3)
                .ToList())
        {
            Language = members.GroupBy(m => m.Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key,
            Languages = members.GroupBy(m => m.Language).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        };
    }

    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }
        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>The words that carry the question's meaning: no masks, no stop words, stemmed.</summary>
    public static HashSet<string> Terms(string text)
    {
        var stemmer = new SwedishLightStemmer();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match word in Word().Matches(Mask().Replace(text.ToLowerInvariant(), " ")))
        {
            var value = word.Value;
            if (value.Length < 2 || StopWords.Contains(value))
            {
                continue;
            }
            var chars = value.ToCharArray();
            terms.Add(new string(chars, 0, stemmer.Stem(chars, chars.Length)));
        }
        return terms;
    }

    /// <summary>The words of a text, lower case, without masks: wordings that differ only in punctuation or personal data are the same.</summary>
    private static string Normalize(string text) => string.Join(' ', Word().Matches(Mask().Replace(text.ToLowerInvariant(), " ")).Select(m => m.Value));

    private static readonly HashSet<string> StopWords = new(
        SwedishAnalyzer.DefaultStopSet.Select(w => w.ToString()!)
            .Concat(Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet.Select(w => w.ToString()!))
            .Concat(["hur", "vad", "var", "när", "vem", "vilken", "vilka", "kan", "får", "ska", "måste", "finns", "går", "gör", "göra", "man", "hej", "tack", "snälla",
                "how", "what", "where", "when", "who", "can", "do", "does", "hi", "hello", "please"]),
        StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Mask();
}
