using Bot.Guides;
using Bot.Turns;
using Knowledge;
using Knowledge.Analysis;

namespace Bot.Handoff;

/// <summary>The guide API (/api/guide): what the console does, for scripts and other systems too.</summary>
internal static class GuideApiEndpoints
{
    public const int MaxTextLength = 5000;

    private sealed record ClaimRequest(bool TakeOver);
    private sealed record TextRequest(string? Text);
    private sealed record CloseRequest(string? Resolution, bool BackToBot = true);
    private sealed record TransferRequest(string? Group, string? Note, string? Guide);
    private sealed record StatusRequest(bool Ready);

    public static IEndpointRouteBuilder MapGuideApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/guide").RequireAuthorization(GuidePolicies.Guide);

        api.MapGet("/me", async (HttpContext context, IGuidePresence presence, GuideAccountStore accounts) =>
        {
            var guide = Guide(context);
            return Results.Json(new
            {
                guide.UserName, guide.DisplayName, guide.Groups, ready = (await presence.GetAsync(guide.UserName))?.Ready ?? false,
                languages = accounts.Find(guide.UserName)?.Languages ?? [],
            });
        });
        api.MapPost("/status", async (HttpContext context, StatusRequest request, IGuidePresence presence) =>
        {
            var guide = Guide(context);
            await presence.SetReadyAsync(guide.UserName, guide.DisplayName, guide.Groups, request.Ready);
            return Results.Json(new { ready = request.Ready });
        });
        api.MapGet("/groups", (KnowledgeProvider knowledge) =>
            Results.Json(knowledge.Current.Knowledge.Topics.Select(t => t.Group).Append(KnowledgeBase.GeneralGroup).Distinct().Order()));
        api.MapGet("/cases", async (string? status, string? q, DateOnly? from, DateOnly? to, int? limit, HttpContext context, GuideAccountStore accounts, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
        {
            if (status is not (null or CaseStatus.Queued or CaseStatus.Active or CaseStatus.Closed or CaseStatus.Message))
            {
                return Problem(StatusCodes.Status400BadRequest, "status must be queued, active, message or closed");
            }
            // The closed-case history is searched (case id, reference, words, dates), newest first; the live lists are complete.
            var list = q is not null || from is not null || to is not null || status == CaseStatus.Closed
                ? await cases.SearchAsync(new CaseSearch(status, q, StockholmDay(from), StockholmDay(to?.AddDays(1)), Math.Clamp(limit ?? 50, 1, 500)), cancellationToken)
                : QueueOrder.ForGuide(await cases.ListAsync(status, cancellationToken), accounts.Find(Guide(context).UserName));
            var shown = new List<object>();
            foreach (var item in list)
            {
                shown.Add(await views.ViewAsync(item, cancellationToken, includeTranscript: false));
            }
            return Results.Json(shown);
        });
        // "Take the next one": the queued case this guide should answer first (QueueOrder), claimed at once; 204 when none.
        api.MapPost("/cases/next", async (HttpContext context, GuideAccountStore accounts, HandoffService handoff, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
        {
            var guide = Guide(context);
            var queued = QueueOrder.ForGuide(await cases.ListAsync(CaseStatus.Queued, cancellationToken), accounts.Find(guide.UserName))
                .Where(c => guide.IsInGroup(c.Group) || c.Group == KnowledgeBase.GeneralGroup || guide.Groups.Count == 0);
            foreach (var candidate in queued)
            {
                var (result, item) = await handoff.ClaimAsync(candidate.Id, guide, takeOver: false, cancellationToken);
                if (result == CaseActionResult.Ok && item is not null)
                {
                    return Results.Json(await views.ViewAsync(item, cancellationToken, includeEvents: true));
                }
            }
            return Results.NoContent();
        });
        api.MapGet("/cases/{id}", async (string id, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
            await cases.GetAsync(id, cancellationToken) is { } item
                ? Results.Json(await views.ViewAsync(item, cancellationToken, includeEvents: true))
                : Problem(StatusCodes.Status404NotFound, "no such case"));
        api.MapPost("/cases/{id}/claim", async (string id, HttpContext context, HandoffService handoff, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
        {
            var request = await OptionalBodyAsync<ClaimRequest>(context, cancellationToken);
            var (result, item) = await handoff.ClaimAsync(id, Guide(context), request?.TakeOver ?? false, cancellationToken);
            return await ResultAsync(result, id, cases, views, cancellationToken,
                item?.ClaimedBy is { } by ? $"the case is handled by {by}; claim it with {{\"takeOver\": true}} to take it over" : "the case is closed");
        });
        api.MapPost("/cases/{id}/messages", async (string id, TextRequest request, HttpContext context, HandoffService handoff, ICaseStore cases, ReplyWindows windows, CancellationToken cancellationToken) =>
        {
            if (Invalid(request.Text) is { } invalid)
            {
                return invalid;
            }
            if (await cases.GetAsync(id, cancellationToken) is { } item
                && await windows.GetAsync(item.Channel, item.ConversationId, cancellationToken) is { State: ReplyWindowStates.Closed } window)
            {
                return Problem(StatusCodes.Status422UnprocessableEntity,
                    $"Messenger no longer accepts replies in this conversation: the resident last wrote more than 7 days ago (the window closed {window.Until:yyyy-MM-dd HH:mm} UTC). Contact the resident another way, or wait until they write again.");
            }
            var (result, activityId) = await handoff.SendAsync(id, Guide(context), request.Text!.Trim(), cancellationToken);
            return result == CaseActionResult.Ok ? Results.Json(new { id = activityId }) : Failure(result, "claim the case before writing to the resident");
        });
        api.MapPost("/cases/{id}/typing", async (string id, HttpContext context, HandoffService handoff, CancellationToken cancellationToken) =>
        {
            var result = await handoff.TypingAsync(id, Guide(context), cancellationToken);
            return result == CaseActionResult.Ok ? Results.NoContent() : Failure(result, "claim the case first");
        });
        api.MapPost("/cases/{id}/close", async (string id, CloseRequest request, HttpContext context, HandoffService handoff, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
            await ResultAsync(await handoff.CloseAsync(id, Guide(context), request.Resolution, request.BackToBot, cancellationToken), id, cases, views, cancellationToken,
                "only the guide handling the case can close it"));
        api.MapPost("/cases/{id}/transfer", async (string id, TransferRequest request, HttpContext context, HandoffService handoff, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Group) && string.IsNullOrWhiteSpace(request.Guide))
            {
                return Problem(StatusCodes.Status400BadRequest, "group or guide is required");
            }
            if (request.Note is { Length: > MaxTextLength })
            {
                return Problem(StatusCodes.Status400BadRequest, $"note is longer than {MaxTextLength} characters");
            }
            var result = await handoff.TransferAsync(id, Guide(context), Blank(request.Group), request.Note, Blank(request.Guide), cancellationToken);
            return result == CaseActionResult.Invalid
                ? Problem(StatusCodes.Status400BadRequest, request.Guide is { Length: > 0 } ? "that guide is not signed in to the console" : "unknown group")
                : await ResultAsync(result, id, cases, views, cancellationToken, "only the guide handling the case can transfer it");
        });
        api.MapPost("/cases/{id}/notes", async (string id, TextRequest request, HttpContext context, HandoffService handoff, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
        {
            if (Invalid(request.Text) is { } invalid)
            {
                return invalid;
            }
            return await ResultAsync(await handoff.NoteAsync(id, Guide(context), request.Text!.Trim(), cancellationToken), id, cases, views, cancellationToken, "");
        });
        api.MapGet("/knowledge/search", (string? q, KnowledgeProvider knowledge) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                return Results.Json(Array.Empty<object>());
            }
            var result = knowledge.Current.Search(q, LanguageDetector.Detect(q));
            return Results.Json(result.Candidates.Select(c => new { c.Entry.Id, c.Entry.Question, c.Entry.Topic, answer = c.Entry.Answer.Sv, answerEn = c.Entry.Answer.En, c.Entry.Source, match = Math.Round(c.Match, 2) }));
        });
        return app;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The start of a Stockholm day as a moment.</summary>
    private static DateTimeOffset? StockholmDay(DateOnly? day) => day is { } d
        ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), Knowledge.Calendar.ContactCenterHours.Stockholm.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue)))
        : null;

    internal static GuideIdentity Guide(HttpContext context) =>
        GuideIdentity.From(context.User) ?? throw new InvalidOperationException("The guide policy lets only guides through.");

    internal static IResult? Invalid(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Problem(StatusCodes.Status400BadRequest, "text is required")
        : text.Length > MaxTextLength ? Problem(StatusCodes.Status400BadRequest, $"text is longer than {MaxTextLength} characters")
        : null;

    internal static async Task<IResult> ResultAsync(CaseActionResult result, string id, ICaseStore cases, CaseViews views, CancellationToken cancellationToken, string conflict) =>
        result == CaseActionResult.Ok && await cases.GetAsync(id, cancellationToken) is { } item
            ? Results.Json(await views.ViewAsync(item, cancellationToken, includeEvents: true))
            : Failure(result, conflict);

    private static IResult Failure(CaseActionResult result, string conflict) => result switch
    {
        CaseActionResult.NotFound => Problem(StatusCodes.Status404NotFound, "no such case"),
        CaseActionResult.Conflict => Problem(StatusCodes.Status409Conflict, conflict),
        _ => Problem(StatusCodes.Status400BadRequest, "the request is not valid for this case"),
    };

    internal static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    private static async Task<T?> OptionalBodyAsync<T>(HttpContext context, CancellationToken cancellationToken) where T : class
    {
        if (context.Request.ContentLength is null or 0 && !context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return null;
        }
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
