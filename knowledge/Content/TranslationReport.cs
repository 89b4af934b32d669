using System.Text.RegularExpressions;

namespace Knowledge.Content;

/// <summary>How complete and how reviewed one translated language is.</summary>
public sealed record LanguageCoverage(
    Language Language,
    int Entries,
    int EntriesTranslated,
    int EntriesReviewed,
    int EntriesWithQuestions,
    int Messages,
    int MessagesTranslated,
    int MessagesReviewed,
    IReadOnlyList<string> Missing);

/// <summary>
/// What `knowledge check` says about translations: per language, the entries and fixed messages that
/// have a text (and how many an editor has reviewed), what is missing, and messages.yaml mistakes
/// (a key no message has, a {0} the Swedish text does not have) as problems.
/// </summary>
public static partial class TranslationReport
{
    public static IReadOnlyList<LanguageCoverage> Coverage(KnowledgeBase knowledge, IReadOnlyDictionary<string, LocalizedText> messages)
    {
        var result = new List<LanguageCoverage>();
        foreach (var language in LanguageCodes.Translations)
        {
            var missing = new List<string>();
            int translated = 0, reviewed = 0, withQuestions = 0;
            foreach (var entry in knowledge.Entries)
            {
                var complete = entry.Answer.Has(language) && entry.Periods.All(p => p.Answer.Has(language));
                if (complete)
                {
                    translated++;
                    reviewed += entry.Answer.IsUnreviewedTranslation(language) ? 0 : 1;
                }
                else
                {
                    missing.Add($"entry `{entry.Id}` ({entry.Location})");
                }
                // Easy Swedish is asked in Swedish.
                if (language == Language.EasySwedish || entry.QuestionsIn(language).Count > 0)
                {
                    withQuestions++;
                }
                else if (!entry.ContextOnly)
                {
                    missing.Add($"questions_{language.Code()} of `{entry.Id}` ({entry.Location})");
                }
            }
            int messagesTranslated = 0, messagesReviewed = 0;
            foreach (var (key, text) in messages.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (knowledge.Messages.TryGetValue(key, out var translation) && translation.Texts.TryGetValue(language, out var messageText) && SamePlaceholders(text.Sv, messageText))
                {
                    messagesTranslated++;
                    messagesReviewed += translation.Reviewed.Contains(language) ? 1 : 0;
                }
                else
                {
                    missing.Add($"message `{key}`");
                }
            }
            result.Add(new LanguageCoverage(language, knowledge.Entries.Count, translated, reviewed, withQuestions, messages.Count, messagesTranslated, messagesReviewed, missing));
        }
        return result;
    }

    /// <summary>messages.yaml keys that no message has, and translations whose {0}, {1} … differ from the Swedish text's.</summary>
    public static IReadOnlyList<ContentProblem> Problems(KnowledgeBase knowledge, IReadOnlyDictionary<string, LocalizedText> messages)
    {
        var problems = new List<ContentProblem>();
        foreach (var (key, translation) in knowledge.Messages)
        {
            if (!messages.TryGetValue(key, out var original))
            {
                problems.Add(new ContentProblem(translation.Location.File, translation.Location.Line, $"`{key}` is not a message of the bot (misspelt, or removed from the code)"));
                continue;
            }
            foreach (var (language, text) in translation.Texts)
            {
                if (!SamePlaceholders(original.Sv, text))
                {
                    problems.Add(new ContentProblem(translation.Location.File, translation.Location.Line,
                        $"the `{language.Code()}` text of `{key}` must use the same placeholders as the Swedish text ({string.Join(" ", Placeholders(original.Sv))})"));
                }
            }
        }
        return problems;
    }

    /// <summary>The {0}, {1} … of a text; a translation may reorder them but must keep each one.</summary>
    public static bool SamePlaceholders(string original, string translation) =>
        Placeholders(original).SetEquals(Placeholders(translation));

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
