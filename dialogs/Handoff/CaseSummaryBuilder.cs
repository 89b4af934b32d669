using System.Text.RegularExpressions;
using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Privacy;
using Knowledge;

namespace Dialogs.Handoff;

/// <summary>
/// Builds the guide's case summary from the conversation's history and the resident's messages, so
/// that a guide reads it in five seconds: a title (reason and latest question), the questions, what
/// the bot answered, and the details. A second handoff in the same conversation summarizes only what
/// happened since the previous case.
/// </summary>
public static partial class CaseSummaryBuilder
{
    private const int TitleQuestionLength = 120;

    private static readonly HashSet<string> NotQuestions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ja", "ja tack", "nej", "nej tack", "ok", "okej", "tack", "jo", "japp", "nä", "yes", "no", "thanks", "thank you",
        "inget av dessa", "none of these", "hoppa över", "skip", "avbryt", "cancel",
    };

    private static readonly HashSet<string> ContactWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "min", "mitt", "mina", "post", "epost", "mejl", "mejla", "mail", "email", "adress", "är", "nummer", "telefon", "telefonnummer", "tel", "mobil",
        "nå", "når", "mig", "på", "ring", "ringa", "kontakta", "via", "eller", "och", "kan", "ni", "du", "går", "bra", "att", "tack",
        "my", "is", "phone", "number", "call", "me", "at", "reach", "or", "and", "you", "can", "address", "thanks",
    };

    /// <param name="since">the previous case of this conversation: only later questions count</param>
    /// <param name="extraDetails">details the host found elsewhere (fault-report references and places)</param>
    public static CaseSummary Build(HandoffRequest request, IReadOnlyList<string> residentMessages, KnowledgeBase knowledge, string channel,
        PreviousCase? since = null, IReadOnlyList<CaseDetail>? extraDetails = null)
    {
        var history = request.History.Where(e => since is null || e.At > since.CreatedAt).ToList();
        var questions = history
            .Where(e => e.Outcome is Outcomes.Answer or Outcomes.Clarify or Outcomes.Fallback or Outcomes.Handoff && IsQuestion(e.Question))
            .Select(e => PersonalData.MaskIdentityNumbers(e.Question))
            .Distinct()
            .ToList();
        if (questions.Count == 0 && request.Trigger.Text is { Length: > 0 } trigger && IsQuestion(trigger))
        {
            questions.Add(PersonalData.MaskIdentityNumbers(trigger));
        }
        // What the bot did with questions; a plain request for a person is the reason, not an answer.
        var answers = history
            .Where(e => e.Outcome is Outcomes.Answer or Outcomes.Clarify or Outcomes.Fallback or Outcomes.Handoff && (e.AnswerId is not null || IsQuestion(e.Question)))
            .Select(e => new BotAnswer(
                PersonalData.MaskIdentityNumbers(e.Question),
                e.Outcome,
                e.AnswerId,
                AnswerTitle(e.AnswerId, knowledge),
                e.Confidence))
            .ToList();
        var details = DetailExtractor.Extract(residentMessages).Concat(extraDetails ?? [])
            .DistinctBy(d => (d.Kind, d.Value.ToUpperInvariant()))
            .ToList();
        var latest = questions.Count > 0 ? questions[^1] : null;
        return new CaseSummary(
            questions.Count > 0 ? string.Join(" / ", questions) : "",
            request.Topic,
            request.Language,
            channel,
            Reason(request.Reason),
            answers,
            details,
            latest is null ? ShortReason(request.Reason) : $"{ShortReason(request.Reason)}: {Shorten(latest)}",
            questions,
            since is null ? null : $"{since.Id} ({since.Description})");
    }

    /// <summary>
    /// What the resident writes while waiting (in the queue or to a left message) is often the real question:
    /// it joins the questions and becomes the title's latest question.
    /// </summary>
    public static CaseSummary WithAddedMessage(CaseSummary summary, string text, HandoffReason? reason = null)
    {
        if (!IsQuestion(text))
        {
            return summary;
        }
        var added = PersonalData.MaskIdentityNumbers(text.Trim());
        var questions = (summary.Questions ?? []).Append(added).Distinct().TakeLast(10).ToList();
        // The queue shows the reason and the latest question.
        var title = $"{(summary.Title ?? "Ärende").Split(':')[0]}: {Shorten(added)}";
        return summary with { Questions = questions, Question = string.Join(" / ", questions), Title = title };
    }

    /// <summary>What the bot answered with: the entry's question, or the facility of an opening-hours answer.</summary>
    public static string? AnswerTitle(string? answerId, KnowledgeBase knowledge)
    {
        if (answerId is null)
        {
            return null;
        }
        if (answerId.StartsWith("facility:", StringComparison.Ordinal))
        {
            var facility = knowledge.Facilities.Find(answerId["facility:".Length..]);
            return "Öppettider: " + (facility?.Name ?? answerId["facility:".Length..]);
        }
        if (answerId.StartsWith("facilities:", StringComparison.Ordinal))
        {
            return "Öppettider: " + answerId["facilities:".Length..];
        }
        return knowledge.Find(answerId)?.Question;
    }

    /// <summary>A question rather than a form answer, a yes or no, or only contact details.</summary>
    public static bool IsQuestion(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!', '?');
        if (trimmed.Length == 0 || NotQuestions.Contains(trimmed))
        {
            return false;
        }
        var withoutContact = Contact().Replace(trimmed, " ");
        if (withoutContact.Length != trimmed.Length)
        {
            // Contact details with only "min e-post är", "ring mig på" around them are not a question.
            return Words().Matches(withoutContact).Any(w => !ContactWords.Contains(w.Value));
        }
        // "Jag vill prata med en människa" is the reason, not a question; "… om min bygglovsansökan" says what about.
        var words = Words().Matches(trimmed).Count;
        return words > 0
            && !(words <= 7 && Intents.IntentRecognizer.Recognize(trimmed) is Intents.Intent.HumanRequest or Intents.Intent.Greeting or Intents.Intent.Thanks);
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

    /// <summary>The reason in two or three words, for the queue.</summary>
    public static string ShortReason(HandoffReason reason) => reason switch
    {
        HandoffReason.Requested => "Vill prata med en person",
        HandoffReason.NotAnswered => "Boten kunde inte svara",
        HandoffReason.NotHelpful => "Svaret hjälpte inte",
        HandoffReason.Frustration => "Frustrerad invånare",
        HandoffReason.PersonalCase => "Eget ärende",
        _ => "Ärende",
    };

    private static string Shorten(string text)
    {
        var flat = Regex.Replace(text, @"\s+", " ").Trim();
        return flat.Length > TitleQuestionLength ? flat[..(TitleQuestionLength - 1)].TrimEnd() + "…" : flat;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|(\+46|0)[\d\s-]{6,}\d")]
    private static partial Regex Contact();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}

/// <summary>The conversation's previous case, for a second handoff: its id, when, and how it ended.</summary>
public sealed record PreviousCase(string Id, DateTimeOffset CreatedAt, string Description);
