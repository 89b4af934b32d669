using Understanding.Corpus;
using Understanding.Models;

namespace Understanding.Decisions;

/// <summary>
/// Turns the models' probabilities into what the bot does. Danger first: the emergency reply when
/// the rules or the model are sure, a 112 line before the usual reply when someone may be in
/// danger. Then an intent that needs no knowledge answer (a person, the resident's own case, a
/// fault, small talk, feedback), then the knowledge base: answer when the best entry is probable
/// enough, offer options when two or three are plausible, otherwise say honestly that the bot
/// cannot answer.
/// </summary>
public static class DecisionPolicy
{
    private const int MaxOptions = 3;
    // Chosen on the validation part so that every self-harm message there gets the suicide line; the cost is
    // that 94 of 1,410 emergencies in the corpus (was 21) get the self-harm reply, which also starts with 112.
    private const float SelfHarmShare = 0.25f;
    private const int FewWords = 3;
    private const float SelfHarmNoteFloor = 0.05f;

    public static Verdict Decide(MessageUnderstanding understanding, Thresholds thresholds)
    {
        var intents = understanding.Intents;
        var evidence = understanding.Evidence;
        var rule = understanding.DangerRule;
        var danger = evidence.Danger;
        // Self-harm gets the suicide line and 1177 as well as 112: when it is a real possibility, it is chosen.
        var selfHarm = intents.Of(MessageIntent.SelfHarm) + evidence.NeighbourScore(MessageIntent.SelfHarm);
        var kind = rule == Route.SelfHarm || selfHarm
            >= SelfHarmShare * (intents.Of(MessageIntent.Emergency) + evidence.NeighbourScore(MessageIntent.Emergency)) ? Route.SelfHarm : Route.Emergency;
        // A message of a few words gives the model too little to replace the reply with the emergency
        // reply on its own; it still gets the 112 line first.
        if (rule is not null || (danger >= thresholds.Emergency && understanding.WordCount > FewWords))
        {
            return new Verdict(kind, null, [], understanding);
        }
        // The note below the emergency threshold names the suicide line only where there is some sign of it,
        // not for every message the model knows little about.
        var noteKind = kind == Route.SelfHarm && selfHarm >= SelfHarmNoteFloor ? Route.SelfHarm : Route.Emergency;
        return Decide(understanding, thresholds, understanding.Routes) with { DangerNote = danger >= thresholds.DangerNote ? noteKind : null };
    }

    private static Verdict Decide(MessageUnderstanding understanding, Thresholds thresholds, IntentScores routes)
    {
        var best = understanding.Best;
        var (intent, probability) = routes.Top;
        if (probability >= thresholds.IntentRoute && RouteOf(intent) is { } routed)
        {
            return new Verdict(routed, best, [], understanding);
        }
        if (best is not null && best.Probability >= thresholds.Answer)
        {
            return new Verdict(Route.Answer, best, [], understanding);
        }
        if (best is not null && best.Probability >= thresholds.ClarifyFirst)
        {
            var options = understanding.Candidates
                .Where(c => c == best || c.Probability >= thresholds.ClarifyOther)
                .Where(c => !c.Entry.Handoff)
                .Take(MaxOptions)
                .ToList();
            if (options.Count > 0)
            {
                return new Verdict(Route.Clarify, best, options, understanding);
            }
        }
        return new Verdict(Route.Decline, best, [], understanding);
    }

    private static Route? RouteOf(string intent) => intent switch
    {
        MessageIntent.Human => Route.Human,
        MessageIntent.OwnCase => Route.OwnCase,
        MessageIntent.Fault => Route.Fault,
        MessageIntent.SmallTalk => Route.SmallTalk,
        MessageIntent.Feedback => Route.Feedback,
        _ => null,
    };
}
