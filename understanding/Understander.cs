using Knowledge;
using Knowledge.Search;
using Understanding.Models;
using Understanding.Text;

namespace Understanding;

/// <summary>An entry that may answer a message, with the answer model's probability that it does.</summary>
public sealed record EntryCandidate(KnowledgeEntry Entry, double Probability, string MatchedQuestion);

/// <summary>What the models make of one message: its intents and the entries that may answer it, most probable first.</summary>
public sealed record MessageUnderstanding(MessageEvidence Evidence, IReadOnlyList<EntryCandidate> Candidates, IntentScores Routes)
{
    /// <summary>The intent model's probabilities (what the words say).</summary>
    public IntentScores Intents => Evidence.Intents;

    public EntryCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;

    /// <summary>What the hand danger rules say (once: the threshold search decides each message thousands of times).</summary>
    public Decisions.Route? DangerRule { get; } = Decisions.DangerRules.Match(Evidence.Text);

    public int WordCount { get; } = Evidence.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>
/// Collects the evidence on a message: retrieval on the whole message and on the sentence that
/// asks, and the nearest labelled examples of both.
/// </summary>
public sealed class EvidenceCollector(KnowledgeIndex index, ExampleIndex examples, ExampleIndex intentExamples, Func<string, string>? searchText = null)
{
    public const int PerSource = 5;

    public KnowledgeIndex Index { get; } = index;

    public ExampleIndex Examples { get; } = examples;

    /// <summary>The corpus's messages labelled by intent (nearest emergencies, out-of-scope questions …).</summary>
    public ExampleIndex IntentExamples { get; } = intentExamples;

    public string Terms(string text, Language language) => string.Join(' ', Index.AnalyzedTerms(text, language));

    /// <summary>What retrieval searches for: the text without what it says about dates ("i januari 2021"), when the host knows how.</summary>
    private string Searchable(string text)
    {
        var searchable = searchText?.Invoke(text) ?? text;
        return searchable.Trim().Length > 0 ? searchable : text;
    }

    /// <summary>The evidence for a message; <paramref name="excludeWriter"/> leaves a corpus writer's own lines out (training).</summary>
    public MessageEvidence Collect(string text, Language language, IntentScores intents, string? excludeWriter = null)
    {
        var question = MessageSentences.Question(text);
        var retrieval = Index.Search(Searchable(text), language, 8);
        var questionRetrieval = question is null ? SearchResult.Empty : Index.Search(Searchable(question), language, PerSource);
        var terms = Terms(text, language);
        var nearest = Examples.Nearest(terms, 8, excludeWriter);
        var questionNearest = question is null ? [] : Examples.Nearest(Terms(question, language), PerSource, excludeWriter);
        var intentNearest = IntentExamples.Nearest(terms, Corpus.MessageIntent.All.Count, excludeWriter);
        return new MessageEvidence(text, question, language.Written(), retrieval, questionRetrieval, nearest, questionNearest,
            intents, intentNearest, retrieval.Features.OtherMunicipality is not null);
    }
}

/// <summary>
/// Understands a resident's message with the learned models: the intent classifier, the evidence
/// (<see cref="EvidenceCollector"/>), the answer model that weighs it into one calibrated
/// probability per candidate entry, and the router that judges what the message needs from all of it.
/// </summary>
public sealed class Understander(EvidenceCollector evidence, IntentModel intents, AnswerModel answers, RouterModel? router)
{
    public KnowledgeIndex Index => evidence.Index;

    public MessageUnderstanding Understand(string text, Language language) =>
        Score(evidence.Collect(text, language, intents.Predict(text, evidence.Terms(text, language))));

    public MessageUnderstanding Score(MessageEvidence collected)
    {
        var candidates = new List<EntryCandidate>();
        foreach (var id in collected.CandidateIds(EvidenceCollector.PerSource))
        {
            if (Index.Knowledge.Find(id) is not { ContextOnly: false } entry)
            {
                continue;
            }
            var matched = collected.Retrieval.Candidates.FirstOrDefault(c => c.Entry.Id == id)?.MatchedQuestion
                ?? collected.QuestionRetrieval.Candidates.FirstOrDefault(c => c.Entry.Id == id)?.MatchedQuestion
                ?? entry.Question;
            candidates.Add(new EntryCandidate(entry, answers.Probability(CandidateFeatures.Of(collected, entry)), matched));
        }
        var ranked = candidates.OrderByDescending(c => c.Probability).ThenBy(c => c.Entry.Id, StringComparer.Ordinal).ToList();
        return new MessageUnderstanding(collected, ranked, router?.Predict(RouteFeatures.Of(collected, ranked)) ?? collected.Intents);
    }
}
