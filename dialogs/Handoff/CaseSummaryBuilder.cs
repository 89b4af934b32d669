using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Privacy;
using Knowledge;

namespace Dialogs.Handoff;

/// <summary>Builds the guide's case summary from the conversation's history and the resident's messages.</summary>
public static class CaseSummaryBuilder
{
    public static CaseSummary Build(HandoffRequest request, IReadOnlyList<string> residentMessages, KnowledgeBase knowledge, string channel)
    {
        var questions = request.History
            .Where(e => e.Outcome is not Outcomes.SmallTalk)
            .Select(e => e.Question)
            .DefaultIfEmpty(request.Trigger.Text ?? "")
            .Select(PersonalData.MaskIdentityNumbers)
            .Distinct()
            .ToList();
        var answers = request.History
            .Where(e => e.Outcome is Outcomes.Answer or Outcomes.Clarify or Outcomes.Fallback or Outcomes.Handoff)
            .Select(e => new BotAnswer(
                PersonalData.MaskIdentityNumbers(e.Question),
                e.Outcome,
                e.AnswerId,
                e.AnswerId is null ? null : knowledge.Find(e.AnswerId)?.Question,
                e.Confidence))
            .ToList();
        return new CaseSummary(
            string.Join(" / ", questions),
            request.Topic,
            request.Language,
            channel,
            Reason(request.Reason),
            answers,
            DetailExtractor.Extract(residentMessages));
    }

    public static string Reason(HandoffReason reason) => reason switch
    {
        HandoffReason.Requested => "Invånaren bad att få prata med en person.",
        HandoffReason.NotAnswered => "Chattboten kunde inte svara två gånger i rad.",
        HandoffReason.NotHelpful => "Invånaren sa att svaret inte hjälpte.",
        HandoffReason.Frustration => "Invånaren verkade frustrerad.",
        HandoffReason.PersonalCase => "Frågan gäller invånarens eget ärende och kräver personlig handläggning.",
        _ => "Okänd anledning.",
    };
}
