using Bot.Guides;
using Bot.Handoff;
using Knowledge;
using Knowledge.Search;

namespace Bot.KnowledgeOps;

/// <summary>Guide API for the knowledge content: its state, new questions for entries, drafts of new entries.</summary>
internal static class KnowledgeEndpoints
{
    private sealed record QuestionRequest(string? Text);
    private sealed record DraftRequest(string? Question, string? Answer, string? Topic);
    private sealed record ReviewRequest(string? Language);

    public static IEndpointRouteBuilder MapKnowledgeOperations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/guide").RequireAuthorization(GuidePolicies.Guide);

        api.MapGet("/knowledge/status", (KnowledgeReloads reloads, KnowledgeProvider knowledge) =>
        {
            var state = reloads.State;
            return Results.Json(new
            {
                loadedAt = state.LoadedAt,
                entries = state.Entries,
                problems = state.Problems.Select(p => new { file = p.File, line = p.Line, message = p.Message }),
                rejectedAt = state.RejectedAt,
                answerSource = knowledge.Answers is KnowledgeIndex ? "embedded" : "azure",
            });
        });
        api.MapPost("/knowledge/{entryId}/questions", async (string entryId, QuestionRequest request, HttpContext context, KnowledgeEditor editor, CancellationToken cancellationToken) =>
            Result(await editor.AddQuestionAsync(entryId, request.Text, Guide(context), cancellationToken)));
        // Translations side by side with the Swedish original, unreviewed first, for an editor to check.
        api.MapGet("/translations", (string? language, KnowledgeProvider knowledge) =>
        {
            if (LanguageCodes.TranslatedFromCode(language) is not { } chosen)
            {
                return Results.Problem(detail: $"language must be one of {string.Join(", ", LanguageCodes.Translations.Select(l => l.Code()))}", statusCode: StatusCodes.Status400BadRequest);
            }
            var entries = knowledge.Current.Knowledge.Entries
                .Select(e => new
                {
                    id = e.Id,
                    topic = e.Topic,
                    question = e.Question,
                    sv = e.Answer.Sv,
                    text = e.Answer.Has(chosen) ? e.Answer.For(chosen) : null,
                    questions = e.QuestionsIn(chosen),
                    periods = e.Periods.Select(p => new { from = p.From, to = p.To, sv = p.Answer.Sv, text = p.Answer.Has(chosen) ? p.Answer.For(chosen) : null }),
                    reviewed = e.Answer.Has(chosen) && !e.Answer.IsUnreviewedTranslation(chosen),
                    source = e.Source,
                })
                .OrderBy(e => e.reviewed).ThenBy(e => e.topic, StringComparer.Ordinal).ThenBy(e => e.id, StringComparer.Ordinal)
                .ToList();
            return Results.Json(new
            {
                language = chosen.Code(),
                name = chosen.SwedishName(),
                rightToLeft = chosen.IsRightToLeft(),
                total = entries.Count,
                reviewed = entries.Count(e => e.reviewed),
                missing = entries.Count(e => e.text is null),
                entries,
            });
        });
        api.MapPost("/translations/{entryId}/reviewed", async (string entryId, ReviewRequest request, HttpContext context, KnowledgeEditor editor, CancellationToken cancellationToken) =>
            Result(await editor.MarkReviewedAsync(entryId, request.Language, Guide(context), cancellationToken)));
        api.MapPost("/cases/{id}/draft-entry", async (string id, DraftRequest request, HttpContext context, ICaseStore cases, KnowledgeEditor editor, CancellationToken cancellationToken) =>
        {
            if (await cases.GetAsync(id, cancellationToken) is not { } item)
            {
                return Results.Problem(detail: "no such case", statusCode: StatusCodes.Status404NotFound);
            }
            return Result(await editor.DraftEntryAsync(item.Id, item.Topic, request.Question, request.Answer, request.Topic, Guide(context), cancellationToken));
        });
        return app;
    }

    private static IResult Result(KnowledgeEdit edit) =>
        edit.Error is null
            ? Results.Json(edit.Body, statusCode: edit.Status)
            : Results.Problem(detail: edit.Error, statusCode: edit.Status, extensions: edit.Problems is { Count: > 0 } problems
                ? new Dictionary<string, object?> { ["problems"] = problems.Select(p => new { file = p.File, line = p.Line, message = p.Message }).ToList() }
                : null);

    private static GuideIdentity Guide(HttpContext context) =>
        GuideIdentity.From(context.User) ?? throw new InvalidOperationException("The guide policy lets only guides through.");
}
