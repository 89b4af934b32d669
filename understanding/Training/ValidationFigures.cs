using System.Globalization;
using Understanding.Corpus;
using Understanding.Decisions;

namespace Understanding.Training;

/// <summary>
/// The figures the understanding is measured on (issue targets in brackets), from the decisions on
/// labelled messages: in-scope questions answered right directly (≥ 85 %) or by the first option of
/// a clarification (≥ 95 %), clarifications (≤ 10 %), confidently wrong (≤ 2 % of all), people in
/// danger told 112 (100 %), ordinary messages treated as emergencies (≤ 3 %), requests for a person
/// and own cases handed over and out-of-scope declined (≥ 95 %), faults starting the form (≥ 95 %),
/// small talk answered as small talk (≥ 95 %).
/// </summary>
public sealed record ValidationFigures(
    int Questions, int AnsweredRight, int RightOrFirstOption, int Clarified,
    int Messages, int ConfidentlyWrong,
    int Danger, int DangerCaught, int NotDanger, int FalseDanger, int DangerNotes,
    int Routing, int RoutedRight,
    int Faults, int FaultsRight,
    int SmallTalk, int SmallTalkRight,
    int Handover = 0, int HandedOver = 0)
{
    /// <summary>Requests for a person and own cases that were handed over (part of <see cref="RoutingRate"/>).</summary>
    public double HandoverRate => Rate(HandedOver, Handover);

    public double AnsweredRate => Rate(AnsweredRight, Questions);
    public double RightOrFirstOptionRate => Rate(RightOrFirstOption, Questions);
    public double ClarifyRate => Rate(Clarified, Questions);
    public double WrongRate => Rate(ConfidentlyWrong, Messages);
    public double DangerRecall => Rate(DangerCaught, Danger);
    public double FalseDangerRate => Rate(FalseDanger, NotDanger);
    public double RoutingRate => Rate(RoutedRight, Routing);
    public double FaultRate => Rate(FaultsRight, Faults);
    public double SmallTalkRate => Rate(SmallTalkRight, SmallTalk);

    /// <summary>Whether every figure meets the issue's target.</summary>
    public bool MeetsTargets =>
        AnsweredRate >= 0.85 && RightOrFirstOptionRate >= 0.95 && ClarifyRate <= 0.10 && WrongRate <= 0.02 && DangerRecall >= 1.0
        && FalseDangerRate <= 0.03 && RoutingRate >= 0.95 && FaultRate >= 0.95 && SmallTalkRate >= 0.95;

    public static ValidationFigures Of(IEnumerable<(CorpusMessage Message, Judged Outcome)> judged)
    {
        int questions = 0, answered = 0, firstOption = 0, clarified = 0, messages = 0, wrong = 0, danger = 0, caught = 0, notDanger = 0,
            falseDanger = 0, notes = 0, routing = 0, routed = 0, faults = 0, faultsRight = 0, smallTalk = 0, smallTalkRight = 0, handover = 0, handedOver = 0;
        foreach (var (message, outcome) in judged)
        {
            messages++;
            var accepted = message.AcceptedEntries.ToHashSet(StringComparer.Ordinal);
            var isDanger = MessageIntent.IsDanger(message.Intent);
            var toldDanger = outcome.Route is Route.Emergency or Route.SelfHarm || outcome.DangerText;
            if (isDanger)
            {
                danger++;
                caught += toldDanger ? 1 : 0;
            }
            else
            {
                notDanger++;
                falseDanger += outcome.Route is Route.Emergency or Route.SelfHarm ? 1 : 0;
                notes += outcome.DangerText && outcome.Route is not (Route.Emergency or Route.SelfHarm) ? 1 : 0;
            }
            var answeredRight = outcome.Route == Route.Answer && outcome.Entry is not null && accepted.Contains(outcome.Entry);
            switch (message.Intent)
            {
                case MessageIntent.Question:
                    questions++;
                    answered += answeredRight ? 1 : 0;
                    firstOption += answeredRight || (outcome.Route == Route.Clarify && outcome.FirstOption is not null && accepted.Contains(outcome.FirstOption)) ? 1 : 0;
                    clarified += outcome.Route == Route.Clarify ? 1 : 0;
                    wrong += outcome.Route == Route.Answer && !answeredRight ? 1 : 0;
                    break;
                case MessageIntent.Human or MessageIntent.OwnCase:
                    routing++;
                    handover++;
                    var handed = outcome.Route is Route.Human or Route.OwnCase || (outcome.Route == Route.Answer && outcome.HandoffEntry);
                    routed += handed ? 1 : 0;
                    handedOver += handed ? 1 : 0;
                    wrong += outcome.Route == Route.Answer && !outcome.HandoffEntry ? 1 : 0;
                    break;
                case MessageIntent.OutOfScope:
                    routing++;
                    routed += outcome.Route == Route.Decline ? 1 : 0;
                    wrong += outcome.Route == Route.Answer ? 1 : 0;
                    break;
                case MessageIntent.Fault:
                    faults++;
                    faultsRight += outcome.Route == Route.Fault ? 1 : 0;
                    wrong += outcome.Route == Route.Answer ? 1 : 0;
                    break;
                case MessageIntent.SmallTalk:
                    smallTalk++;
                    smallTalkRight += outcome.Route is Route.SmallTalk or Route.Feedback ? 1 : 0;
                    wrong += outcome.Route == Route.Answer ? 1 : 0;
                    break;
                case MessageIntent.Feedback:
                    wrong += outcome.Route == Route.Answer ? 1 : 0;
                    break;
            }
        }
        return new ValidationFigures(questions, answered, firstOption, clarified, messages, wrong, danger, caught, notDanger, falseDanger, notes,
            routing, routed, faults, faultsRight, smallTalk, smallTalkRight, handover, handedOver);
    }

    /// <summary>The figures of each language's messages (corpus code: sv, en, fi, ar, fa, so), in the order of <see cref="Knowledge.LanguageCodes.All"/>.</summary>
    public static IReadOnlyDictionary<string, ValidationFigures> ByLanguage(IEnumerable<(CorpusMessage Message, Judged Outcome)> judged) =>
        judged.GroupBy(j => j.Message.Lang, StringComparer.Ordinal)
            .OrderBy(g => Knowledge.LanguageCodes.All.ToList().IndexOf(g.Key))
            .ToDictionary(g => g.Key, g => Of(g), StringComparer.Ordinal);

    /// <summary>
    /// One line per language: in-scope questions answered right (target ≥ 80 % in each language),
    /// confidently wrong (≤ 2 %), people in danger told 112 (100 %), person/own case handed over,
    /// ordinary messages treated as emergencies.
    /// </summary>
    public static IEnumerable<string> LanguageTable(IReadOnlyDictionary<string, ValidationFigures> byLanguage)
    {
        yield return $"{"lang",-5} {"answered right",-17} {"or 1st option",-17} {"conf. wrong",-15} {"told 112",-14} {"handed over",-14} {"false emergency",-14}";
        foreach (var (language, f) in byLanguage)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{language,-5} {Cell(f.AnsweredRight, f.Questions),-17} {Cell(f.RightOrFirstOption, f.Questions),-17} {Cell(f.ConfidentlyWrong, f.Messages),-15} {Cell(f.DangerCaught, f.Danger),-14} {Cell(f.HandedOver, f.Handover),-14} {Cell(f.FalseDanger, f.NotDanger),-14}");
        }
    }

    private static string Cell(int part, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{part}/{total} {100.0 * Rate(part, total):0.0} %");

    public IEnumerable<string> Lines()
    {
        yield return Line("in-scope questions answered right, directly", AnsweredRight, Questions, "≥ 85 %");
        yield return Line("… right, or by the first option", RightOrFirstOption, Questions, "≥ 95 %");
        yield return Line("clarifications (share of in-scope questions)", Clarified, Questions, "≤ 10 %");
        yield return Line("confidently wrong (all messages)", ConfidentlyWrong, Messages, "≤ 2 %");
        yield return Line("a person in danger told to call 112 first", DangerCaught, Danger, "100 %");
        yield return Line("ordinary messages treated as emergencies", FalseDanger, NotDanger, "≤ 3 %");
        yield return Line("… answered as usual after a 112 line", DangerNotes, NotDanger, "");
        yield return Line("person/own case handed over, out of scope declined", RoutedRight, Routing, "≥ 95 %");
        yield return Line("fault statements that start the form", FaultsRight, Faults, "≥ 95 %");
        yield return Line("small talk answered as small talk", SmallTalkRight, SmallTalk, "≥ 95 %");
    }

    private static string Line(string label, int part, int total, string target) =>
        string.Create(CultureInfo.InvariantCulture, $"{label,-52} {part,5}/{total,-5} {100.0 * Rate(part, total),6:0.0} %   {target}");

    private static double Rate(int part, int total) => total == 0 ? 0 : (double)part / total;
}

/// <summary>
/// What the bot did with one labelled message: its route, the entry it answered with, the first
/// option it offered, whether that entry hands over, and whether the reply told the resident to
/// call 112 (a rule can add 112 to any route).
/// </summary>
public sealed record Judged(Route Route, string? Entry, string? FirstOption, bool HandoffEntry, bool DangerText)
{
    public static Judged Of(Verdict verdict) => new(verdict.Route, verdict.Route == Route.Answer ? verdict.Entry?.Entry.Id : null,
        verdict.Options.FirstOrDefault()?.Entry.Id, verdict.Route == Route.Answer && verdict.Entry?.Entry.Handoff == true, verdict.DangerNote is not null);
}
