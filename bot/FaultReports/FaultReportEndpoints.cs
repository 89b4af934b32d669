using System.Globalization;
using Bot.Guides;
using Dialogs.FaultReports;

namespace Bot.FaultReports;

/// <summary>The guide API for fault reports: list, one report, status change, and the Open311 export.</summary>
internal static class FaultReportEndpoints
{
    public const int MaxCommentLength = 2000;

    private sealed record StatusRequest(string? Status, string? Comment);

    public static IEndpointRouteBuilder MapFaultReports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/guide/faultreports").RequireAuthorization(GuidePolicies.Guide);

        api.MapGet("", async (string? status, HttpRequest request, IFaultReportStore store, FaultReportPhotoLinks photos, CancellationToken cancellationToken) =>
        {
            if (status is not null && !FaultReportStatuses.All.Contains(status))
            {
                return Problem(StatusCodes.Status400BadRequest, $"status must be one of {string.Join(", ", FaultReportStatuses.All)}");
            }
            return Results.Json((await store.ListAsync(status, cancellationToken)).Select(r => View(r, photos.ForGuide(r, request))));
        });

        api.MapGet("/export", async (string? status, string? start_date, string? end_date, HttpRequest request, IFaultReportStore store, FaultReportPhotoLinks photos, CancellationToken cancellationToken) =>
        {
            if (status is not (null or "open" or "closed"))
            {
                return Problem(StatusCodes.Status400BadRequest, "status must be open or closed");
            }
            if (!TryDate(start_date, out var from) || !TryDate(end_date, out var to))
            {
                return Problem(StatusCodes.Status400BadRequest, "start_date and end_date must be ISO 8601 times, e.g. 2026-11-01T00:00:00Z");
            }
            var requests = (await store.ListAsync(null, cancellationToken))
                .Where(r => (from is null || r.CreatedAt >= from) && (to is null || r.CreatedAt <= to))
                .Select(r => Open311Request.From(r, photos.ForCaseSystem(r, request)))
                .Where(r => status is null || r.Status == status);
            return Results.Json(requests);
        });

        api.MapGet("/{reference}", async (string reference, HttpRequest request, IFaultReportStore store, FaultReportPhotoLinks photos, CancellationToken cancellationToken) =>
            await store.GetAsync(reference.ToUpperInvariant(), cancellationToken) is { } report
                ? Results.Json(View(report, photos.ForGuide(report, request)))
                : Problem(StatusCodes.Status404NotFound, "no such fault report"));

        api.MapPost("/{reference}/status", async (string reference, HttpContext context, IFaultReportStore store, FaultReportPhotoLinks photos, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            StatusRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<StatusRequest>(cancellationToken);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
            {
                return Problem(StatusCodes.Status400BadRequest, "the body must be JSON: { \"status\": \"in_progress\", \"comment\": \"…\" }");
            }
            if (request?.Status is not { } status || !FaultReportStatuses.All.Contains(status))
            {
                return Problem(StatusCodes.Status400BadRequest, $"status must be one of {string.Join(", ", FaultReportStatuses.All)}");
            }
            var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
            if (comment?.Length > MaxCommentLength)
            {
                return Problem(StatusCodes.Status400BadRequest, $"comment is longer than {MaxCommentLength} characters");
            }
            var guide = GuideIdentity.From(context.User)?.UserName;
            return await store.SetStatusAsync(reference.ToUpperInvariant(), status, comment, guide, clock.GetUtcNow(), cancellationToken) is { } updated
                ? Results.Json(View(updated, photos.ForGuide(updated, context.Request)))
                : Problem(StatusCodes.Status404NotFound, "no such fault report");
        });
        return app;
    }

    private static object View(FaultReport report, string? photoUrl) => new
    {
        reference = report.Reference,
        category = report.Category,
        categoryName = FaultCategories.ByCode(report.Category).Name.Sv,
        location = report.Location,
        description = report.Description,
        photoUrl,
        contact = report.Contact,
        status = report.Status,
        statusComment = report.StatusComment,
        language = report.Language,
        conversationId = report.ConversationId,
        channel = report.Channel,
        createdAt = report.CreatedAt,
        updatedAt = report.UpdatedAt,
        history = report.History.Select(h => new { at = h.At, status = h.Status, comment = h.Comment, by = h.By }),
    };

    private static bool TryDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = parsed;
            return true;
        }
        return false;
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
