using Understanding.Corpus;
using Understanding.Decisions;

namespace Understanding.Training;

/// <summary>
/// Chooses the <see cref="Thresholds"/> on labelled messages the models were not trained on: the
/// 112 line just below the lowest danger score of any real emergency the rules do not catch (so
/// that every one is told 112 first), the emergency reply where at most 2 % of ordinary messages
/// get it, then the answer and clarify thresholds that answer the most
/// questions right while staying within the targets for wrong answers and clarifications.
/// </summary>
public static class ThresholdSearch
{
    public const double MaxWrong = 0.015;
    public const double MaxClarify = 0.08;
    public const double MaxFalseEmergency = 0.02;
    public const float DangerCeiling = 0.5f;
    public const float DangerMargin = 0.01f;

    public static Thresholds Choose(IReadOnlyList<(CorpusMessage Message, MessageUnderstanding Understanding)> scored)
    {
        // The rules catch some emergencies whatever the model says; the 112 line must reach the rest.
        var lowestDanger = scored
            .Where(s => MessageIntent.IsDanger(s.Message.Intent) && DangerRules.Match(s.Message.Text) is null)
            .Select(s => s.Understanding.Evidence.Danger)
            .DefaultIfEmpty(DangerCeiling)
            .Min();
        var note = Math.Min(lowestDanger - DangerMargin, DangerCeiling);
        // The emergency reply alone: the lowest threshold that keeps ordinary messages out of it.
        var ordinary = scored.Where(s => !MessageIntent.IsDanger(s.Message.Intent) && DangerRules.Match(s.Message.Text) is null)
            .Select(s => s.Understanding.Evidence.Danger).OrderByDescending(d => d).ToList();
        var allowed = (int)Math.Floor(MaxFalseEmergency * scored.Count(s => !MessageIntent.IsDanger(s.Message.Intent)))
            - scored.Count(s => !MessageIntent.IsDanger(s.Message.Intent) && DangerRules.Match(s.Message.Text) is not null);
        var emergency = Math.Max(note, allowed <= 0 || ordinary.Count == 0 ? DangerCeiling * 2 : ordinary[Math.Min(allowed, ordinary.Count) - 1] + 0.001f);
        var grid = (from route in Steps(0.3f, 0.8f, 0.05f)
                    from answer in Steps(0.2f, 0.9f, 0.025f)
                    from clarifyFirst in Steps(0.1f, answer, 0.05f)
                    from clarifyOther in Steps(0.1f, clarifyFirst + 0.001f, 0.05f)
                    select new Thresholds(note, emergency, route, answer, clarifyFirst, clarifyOther)).ToList();
        // Each combination is measured on its own, side by side; the first best in grid order wins, so the choice is deterministic.
        var scores = grid.AsParallel().AsOrdered().Select(thresholds =>
        {
            var figures = ValidationFigures.Of(scored.Select(s => (s.Message, Judged.Of(DecisionPolicy.Decide(s.Understanding, thresholds)))));
            if (figures.WrongRate > MaxWrong || figures.ClarifyRate > MaxClarify)
            {
                return double.MinValue;
            }
            // Right answers first; then routing, faults and small talk; first options a little.
            return figures.AnsweredRate + (0.5 * figures.RoutingRate) + (0.25 * figures.FaultRate) + (0.25 * figures.SmallTalkRate)
                + (0.25 * figures.RightOrFirstOptionRate) - figures.WrongRate;
        }).ToList();
        Thresholds? best = null;
        var bestScore = double.MinValue;
        for (var i = 0; i < grid.Count; i++)
        {
            if (scores[i] > bestScore)
            {
                (best, bestScore) = (grid[i], scores[i]);
            }
        }
        return best ?? Thresholds.Default with { DangerNote = note, Emergency = emergency };
    }

    private static IEnumerable<float> Steps(float from, float to, float step)
    {
        for (var value = from; value < to + 1e-6f; value += step)
        {
            yield return MathF.Round(value, 3);
        }
    }
}
