using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Guides;
using Dialogs.Privacy;
using Knowledge;
using Knowledge.Content;
using Knowledge.Exchange;
using Knowledge.Search;

namespace Bot.KnowledgeOps;

/// <summary>The outcome of a change to the knowledge content asked for through the guide API.</summary>
internal sealed record KnowledgeEdit(int Status, string? Error, object? Body = null, IReadOnlyList<ContentProblem>? Problems = null);

/// <summary>
/// The learning inbox's changes to the content: a resident's phrasing as an alternative question of
/// an entry (live at once), and a new entry drafted from a guide's reply (a file in drafts/ for
/// editors to review; the bot does not read drafts).
/// </summary>
internal sealed partial class KnowledgeEditor(KnowledgeProvider knowledge, KnowledgeReloads reloads, TimeProvider clock, ILogger<KnowledgeEditor> logger, SharedKnowledge? shared = null)
{
    public const int MaxQuestionLength = 300;
    public const string DraftsFolder = "drafts";

    /// <summary>Adds an alternative question; with a shared store it is recorded for every instance too.</summary>
    public async Task<KnowledgeEdit> AddQuestionAsync(string entryId, string? text, GuideIdentity guide, CancellationToken cancellationToken)
    {
        if (shared is null)
        {
            return (await AddQuestionHereAsync(entryId, text, guide, cancellationToken)).Edit;
        }
        return (await shared.EditAsync(async record =>
        {
            var (edit, file, question) = await AddQuestionHereAsync(entryId, text, guide, cancellationToken,
                (written, added) => record(new KnowledgeEditRecord(0, "question", entryId, written, added, guide.UserName)));
            return (edit, file is null ? null : new KnowledgeEditRecord(0, "question", entryId, file, question!, guide.UserName));
        }, cancellationToken))!;
    }

    /// <summary>Writes a draft entry; with a shared store it is recorded for every instance too.</summary>
    public async Task<KnowledgeEdit> DraftEntryAsync(string caseId, string? caseTopic, string? question, string? answer, string? topic, GuideIdentity guide, CancellationToken cancellationToken)
    {
        if (shared is null)
        {
            return (await DraftEntryHereAsync(caseId, caseTopic, question, answer, topic, guide, cancellationToken)).Edit;
        }
        return (await shared.EditAsync(async _ =>
        {
            var (edit, file) = await DraftEntryHereAsync(caseId, caseTopic, question, answer, topic, guide, cancellationToken);
            return (edit, file is null ? null : new KnowledgeEditRecord(0, "file", null, file, ContentFiles.Read(Path.Combine(knowledge.ContentDirectory, file)), guide.UserName));
        }, cancellationToken))!;
    }

    /// <summary>Marks an entry's translation into <paramref name="code"/> as reviewed (adds it to the entry's `reviewed` list).</summary>
    public async Task<KnowledgeEdit> MarkReviewedAsync(string entryId, string? code, GuideIdentity guide, CancellationToken cancellationToken)
    {
        if (shared is null)
        {
            return (await MarkReviewedHereAsync(entryId, code, guide, cancellationToken)).Edit;
        }
        return (await shared.EditAsync(async record =>
        {
            var (edit, file) = await MarkReviewedHereAsync(entryId, code, guide, cancellationToken,
                written => record(new KnowledgeEditRecord(0, "file", null, written, ContentFiles.Read(Path.Combine(knowledge.ContentDirectory, written)), guide.UserName)));
            return (edit, file is null ? null : new KnowledgeEditRecord(0, "file", null, file, ContentFiles.Read(Path.Combine(knowledge.ContentDirectory, file)), guide.UserName));
        }, cancellationToken))!;
    }

    private async Task<(KnowledgeEdit Edit, string? File)> MarkReviewedHereAsync(string entryId, string? code, GuideIdentity guide, CancellationToken cancellationToken,
        Func<string, Task>? recordWritten = null)
    {
        if (LanguageCodes.TranslatedFromCode(code) is not { } language)
        {
            return (new KnowledgeEdit(StatusCodes.Status400BadRequest, $"language must be one of {string.Join(", ", LanguageCodes.Translations.Select(l => l.Code()))}"), null);
        }
        var (written, refused, problems) = await EditEntryFileAsync(entryId, (_, entry, text) =>
        {
            if (!entry.Answer.Has(language))
            {
                return (null, new KnowledgeEdit(StatusCodes.Status409Conflict, $"`{entryId}` has no {language.SwedishName()} text to review"));
            }
            var edited = EntryFileEditor.MarkReviewed(text, entryId, language.Code());
            return edited is null
                ? (null, new KnowledgeEdit(StatusCodes.Status409Conflict, $"{entry.Location.File}: the `reviewed` list of `{entryId}` cannot be added to; edit the file by hand"))
                : (edited, null);
        }, $"the {language.Code()} translation of {entryId} was marked reviewed", cancellationToken, recordWritten);

        if (written is null)
        {
            return (refused!, null);
        }
        if (problems.Count > 0)
        {
            return (new KnowledgeEdit(StatusCodes.Status409Conflict, "the change was written, but the content has other problems and was not reloaded", Problems: problems), written);
        }
        logger.LogInformation("Guide {Guide} marked the {Language} translation of {EntryId} reviewed ({File})", guide.UserName, language.Code(), entryId, written);
        return (new KnowledgeEdit(StatusCodes.Status200OK, null, new { entryId, language = language.Code(), reviewed = true, file = written }), written);
    }

    /// <param name="recordWritten">called with the file and the question once the file is written, before the reload</param>
    private async Task<(KnowledgeEdit Edit, string? File, string? Question)> AddQuestionHereAsync(string entryId, string? text, GuideIdentity guide, CancellationToken cancellationToken,
        Func<string, string, Task>? recordWritten = null)
    {
        if (Invalid(text, MaxQuestionLength, "text") is { } invalid)
        {
            return (invalid, null, null);
        }
        var question = OneLine(text!);
        var (written, refused, problems) = await EditEntryFileAsync(entryId, (current, entry, text) =>
        {
            var normalized = QuestionText.Normalize(question);
            if (current.Entries.FirstOrDefault(e => e.SwedishQuestions.Concat(e.QuestionsEn).Any(q => QuestionText.Normalize(q) == normalized)) is { } owner)
            {
                return (null, new KnowledgeEdit(StatusCodes.Status400BadRequest, owner.Id == entryId
                    ? "the entry already has this question"
                    : $"this question already belongs to the entry `{owner.Id}`"));
            }
            var edited = EntryFileEditor.AddAlternative(text, entryId, question);
            return edited is null
                ? (null, new KnowledgeEdit(StatusCodes.Status409Conflict, $"{entry.Location.File} has no `alternatives` list for `{entryId}` that can be added to; edit the file by hand"))
                : (edited, null);
        }, $"a question was added to {entryId}", cancellationToken, recordWritten is null ? null : file => recordWritten(file, question));

        if (written is null)
        {
            return (refused!, null, null);
        }
        if (problems.Count > 0)
        {
            // Only possible if another file changed under us at the same moment; the previous knowledge still serves.
            return (new KnowledgeEdit(StatusCodes.Status409Conflict, "the question was written, but the content has other problems and was not reloaded", Problems: problems), written, question);
        }
        logger.LogInformation("Guide {Guide} added the question \"{Question}\" to {EntryId} ({File})",
            guide.UserName, PersonalData.MaskIdentityNumbers(question), entryId, written);
        var updated = knowledge.Current.Knowledge.Find(entryId)!;
        return (new KnowledgeEdit(StatusCodes.Status201Created, null, new
        {
            entryId,
            question,
            file = written,
            alternatives = updated.Alternatives,
        }), written, question);
    }

    /// <summary>
    /// Changes the file of the entry <paramref name="entryId"/> under the reload lock: <paramref name="edit"/>
    /// gives the new file text or refuses; the new text is checked with the rest of the content before it
    /// is written. Returns the file written (null when refused) and the problems of the reload.
    /// </summary>
    private async Task<(string? File, KnowledgeEdit? Refused, IReadOnlyList<ContentProblem> Problems)> EditEntryFileAsync(
        string entryId, Func<KnowledgeBase, KnowledgeEntry, string, (string? Text, KnowledgeEdit? Refused)> edit, string description, CancellationToken cancellationToken,
        Func<string, Task>? recordWritten)
    {
        KnowledgeEdit? refused = null;
        var (written, problems) = await reloads.WriteAsync(() =>
        {
            var current = knowledge.Current.Knowledge;
            if (current.Find(entryId) is not { } entry)
            {
                refused = new KnowledgeEdit(StatusCodes.Status404NotFound, $"there is no entry `{entryId}`");
                return null;
            }
            var path = Path.Combine(knowledge.ContentDirectory, entry.Location.File);
            var (edited, refusal) = edit(current, entry, ContentFiles.Read(path));
            if (edited is null)
            {
                refused = refusal;
                return null;
            }
            var check = ContentFiles.CheckWith(knowledge.ContentDirectory, entry.Location.File, edited);
            if (check.Count > 0)
            {
                refused = new KnowledgeEdit(StatusCodes.Status400BadRequest, "the change would make the content invalid", Problems: check);
                return null;
            }
            ContentFiles.WriteAtomically(path, edited);
            return entry.Location.File;
        }, description, cancellationToken, recordWritten);
        return (written, refused, problems);
    }

    private async Task<(KnowledgeEdit Edit, string? File)> DraftEntryHereAsync(string caseId, string? caseTopic, string? question, string? answer, string? topic, GuideIdentity guide, CancellationToken cancellationToken)
    {
        if ((Invalid(question, MaxQuestionLength, "question") ?? Invalid(answer, ContentLoader.MaxAnswerLength, "answer")) is { } invalid)
        {
            return (invalid, null);
        }
        var topics = knowledge.Current.Knowledge.Topics;
        var topicName = topic is { Length: > 0 } ? topic.Trim() : caseTopic;
        var chosen = topics.FirstOrDefault(t => string.Equals(t.Name, topicName, StringComparison.OrdinalIgnoreCase))
            ?? (topic is { Length: > 0 } ? null : topics.FirstOrDefault(t => t.Name == "övrigt") ?? topics.FirstOrDefault());
        if (chosen is null)
        {
            return (new KnowledgeEdit(StatusCodes.Status400BadRequest, $"the topic `{topic}` is not in topics.yaml"), null);
        }
        var answerText = answer!.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        var now = clock.GetUtcNow();
        var (file, _) = await reloads.WriteAsync(() =>
        {
            var id = UniqueDraftId(question!, now);
            var entry = new KnowledgeEntry
            {
                Id = id,
                Topic = chosen.Name,
                Question = OneLine(question!),
                Answer = new LocalizedText(answerText, ""),
                Source = SourceUrl().Match(answerText) is { Success: true } url ? url.Value.TrimEnd('.', ',', ')') : "",
                Location = new SourceLocation(DraftsFolder, 1),
            };
            var header = $"Draft from case {caseId} by {guide.DisplayName} ({guide.UserName}), {now:yyyy-MM-dd HH:mm} UTC.\n"
                + "NOT LIVE: the bot does not read drafts/. To publish: check the answer (klarspråk, facts, source),\n"
                + "add 3–10 alternatives and the English texts, then move the entry into entries/ under its topic.";
            var relative = $"{DraftsFolder}/{id}.yaml";
            ContentFiles.WriteAtomically(Path.Combine(knowledge.ContentDirectory, relative), EntryYamlWriter.Write(chosen.Name, [entry], header));
            return relative;
        }, "a draft was written", cancellationToken);

        var text = ContentFiles.Read(Path.Combine(knowledge.ContentDirectory, file!));
        var todo = ContentFiles.CheckWith(knowledge.ContentDirectory, "entries/" + Path.GetFileName(file!), text)
            .Where(p => p.File.EndsWith(Path.GetFileName(file!), StringComparison.Ordinal))
            .Select(p => p with { File = file! })
            .ToList();
        logger.LogInformation("Guide {Guide} drafted the entry {File} from case {CaseId}", guide.UserName, file, caseId);
        return (new KnowledgeEdit(StatusCodes.Status201Created, null, new
        {
            id = Path.GetFileNameWithoutExtension(file),
            file,
            live = false,
            toDo = todo.Select(p => new { p.File, p.Line, p.Message }),
        }), file);
    }

    private static KnowledgeEdit? Invalid(string? text, int maxLength, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new KnowledgeEdit(StatusCodes.Status400BadRequest, $"{name} is required");
        }
        if (text.Trim().Length > maxLength)
        {
            return new KnowledgeEdit(StatusCodes.Status400BadRequest, $"{name} is longer than {maxLength} characters");
        }
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return new KnowledgeEdit(StatusCodes.Status400BadRequest, $"{name} contains control characters");
        }
        if (PersonalData.ContainsIdentityNumber(text))
        {
            return new KnowledgeEdit(StatusCodes.Status400BadRequest, $"{name} contains a personal identity number; remove it first");
        }
        return null;
    }

    private static string OneLine(string text) => WhiteSpace().Replace(text.Trim(), " ");

    private string UniqueDraftId(string question, DateTimeOffset now)
    {
        var words = Slug().Replace(Fold(question.ToLowerInvariant()), "-").Trim('-').Split('-', StringSplitOptions.RemoveEmptyEntries).Take(6);
        var baseId = $"draft-{now:yyyyMMdd}-{string.Join('-', words)}".TrimEnd('-');
        var id = baseId;
        for (var n = 2; File.Exists(Path.Combine(knowledge.ContentDirectory, DraftsFolder, id + ".yaml")) || knowledge.Current.Knowledge.Find(id) is not null; n++)
        {
            id = $"{baseId}-{n.ToString(CultureInfo.InvariantCulture)}";
        }
        return id;
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();

    [GeneratedRegex(@"https://[^\s""'<>]+")]
    private static partial Regex SourceUrl();
}
