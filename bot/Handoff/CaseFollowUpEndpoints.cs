using Bot.Email;
using Bot.Guides;
using static Bot.Handoff.GuideApiEndpoints;

namespace Bot.Handoff;

/// <summary>
/// What a guide does with a case besides chatting: answer a left message by e-mail or record a call back,
/// reopen a closed case, see who is signed in (to hand a case to a named guide), and the supervisor's view.
/// </summary>
internal static class CaseFollowUpEndpoints
{
    private sealed record EmailRequest(string? Text);
    private sealed record CallbackRequest(string? Note, string? Text);

    public static IEndpointRouteBuilder MapCaseFollowUp(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/guide").RequireAuthorization(GuidePolicies.Guide);

        api.MapPost("/cases/{id}/email", async (string id, EmailRequest request, HttpContext context, CaseReplies replies, CancellationToken cancellationToken) =>
        {
            if (Invalid(request.Text) is { } invalid)
            {
                return invalid;
            }
            var result = await replies.EmailAsync(id, Guide(context), request.Text!.Trim(), cancellationToken);
            return result.Email is { } email
                ? Results.Json(new { id = email.Id, caseId = email.CaseId, to = email.To, subject = email.Subject, status = "queued" }, statusCode: StatusCodes.Status202Accepted)
                : Problem(result.Status, result.Problem!);
        });
        api.MapPost("/cases/{id}/callback", async (string id, CallbackRequest request, HttpContext context, CaseReplies replies, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
        {
            var note = request.Note ?? request.Text;
            if (Invalid(note) is { } invalid)
            {
                return invalid;
            }
            var result = await replies.CalledBackAsync(id, Guide(context), note!.Trim(), cancellationToken);
            return result.Problem is null
                ? await ResultAsync(CaseActionResult.Ok, id, cases, views, cancellationToken, "")
                : Problem(result.Status, result.Problem);
        });
        api.MapPost("/cases/{id}/reopen", async (string id, HttpContext context, HandoffService handoff, ICaseStore cases, CaseViews views, CancellationToken cancellationToken) =>
            await ResultAsync(await handoff.ReopenAsync(id, Guide(context), cancellationToken), id, cases, views, cancellationToken, "only a closed case can be reopened"));

        api.MapGet("/guides", async (IGuidePresence presence) =>
            Results.Json((await presence.AllAsync()).Where(g => g.Connections > 0 || g.DisconnectedAt is null)
                .Select(g => new { g.UserName, g.DisplayName, g.Groups, g.Ready }).OrderBy(g => g.DisplayName, StringComparer.CurrentCulture)));

        api.MapGet("/supervisor", async (IGuidePresence presence, ICaseStore cases, HandoffService handoff, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var now = clock.GetUtcNow();
            var active = await cases.ListAsync(CaseStatus.Active, cancellationToken);
            var queued = await cases.ListAsync(CaseStatus.Queued, cancellationToken);
            var messages = await cases.ListAsync(CaseStatus.Message, cancellationToken);
            var due = new List<(Case Item, DateTimeOffset? DueAt)>();
            foreach (var item in messages)
            {
                due.Add((item, await handoff.MessageLeftAtAsync(item, cancellationToken) is { } left ? left + CaseViews.MessagePromise : null));
            }
            var ready = await presence.ReadyAsync();
            var guides = (await presence.AllAsync()).Select(g => new
            {
                g.UserName,
                g.DisplayName,
                g.Groups,
                g.Ready,
                connected = g.Connections > 0,
                cases = active.Where(c => c.ClaimedBy == g.UserName).Select(c => new { c.Id, c.Group, since = c.ClaimedAt, minutes = (int)(now - (c.ClaimedAt ?? now)).TotalMinutes }),
                messages = messages.Count(c => c.ClaimedBy == g.UserName),
            }).OrderBy(g => g.DisplayName, StringComparer.CurrentCulture);
            var groups = queued.Select(c => c.Group).Concat(messages.Select(c => c.Group)).Concat(active.Select(c => c.Group)).Distinct().Order(StringComparer.CurrentCulture)
                .Select(group => new
                {
                    group,
                    queued = queued.Count(c => c.Group == group),
                    longestWaitSeconds = queued.Where(c => c.Group == group).Select(c => (int)(now - c.CreatedAt).TotalSeconds).DefaultIfEmpty(0).Max(),
                    active = active.Count(c => c.Group == group),
                    messages = messages.Count(c => c.Group == group),
                    overdueMessages = due.Count(d => d.Item.Group == group && d.DueAt < now),
                    readyGuides = ready.Count(g => g.Groups.Contains(group)),
                });
            var waiting = queued.Concat(messages).OrderBy(c => c.CreatedAt).Select(c => new
            {
                c.Id,
                c.Group,
                c.Status,
                title = Privacy.CaseMasking.Summary(CaseStatus.Queued, c.Summary).Title,
                waitedSeconds = (int)(now - c.CreatedAt).TotalSeconds,
                dueAt = due.FirstOrDefault(d => d.Item.Id == c.Id).DueAt,
            });
            return Results.Json(new { at = now, guides, groups, waiting });
        });
        return app;
    }
}
