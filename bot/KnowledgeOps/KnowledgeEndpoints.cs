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
