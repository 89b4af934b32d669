using Bot.Guides;
using Bot.Storage;

namespace Bot.Privacy;

/// <summary>Erasure and export of one conversation or one resident, and the audit log (guide API).</summary>
internal static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/guide/privacy").RequireAuthorization(GuidePolicies.Guide);

        api.MapDelete("/conversations/{id}", async (string id, HttpContext context, PrivacyService privacy, CancellationToken cancellationToken) =>
            await privacy.EraseAsync(id, Actor(context), cancellationToken) is { } erased
                ? Results.Json(new { conversationId = id, erased })
                : NotFound());

        api.MapGet("/conversations/{id}/export", async (string id, HttpContext context, PrivacyService privacy, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await privacy.ExportAsync(id, Actor(context), cancellationToken) is not { } data)
            {
                return NotFound();
            }
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"samtal-{SafeFileName(id)}.json\"";
            return Results.Json(new { conversationId = id, exportedAt = clock.GetUtcNow(), data });
        });

        // A resident: every conversation of one channel user id (as shown in an export).
        api.MapDelete("/residents/{userId}", async (string userId, HttpContext context, IConversationStore store, PrivacyService privacy, CancellationToken cancellationToken) =>
        {
            var ids = await store.ConversationsOfUserAsync(userId, cancellationToken);
            var erased = new Dictionary<string, object>();
            foreach (var id in ids)
            {
                if (await privacy.EraseAsync(id, Actor(context), cancellationToken) is { } result)
                {
                    erased[id] = result;
                }
            }
            return erased.Count == 0 ? NotFound() : Results.Json(new { userId, conversations = erased });
        });

        api.MapGet("/residents/{userId}/export", async (string userId, HttpContext context, IConversationStore store, PrivacyService privacy, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var conversations = new Dictionary<string, object>();
            foreach (var id in await store.ConversationsOfUserAsync(userId, cancellationToken))
            {
                if (await privacy.ExportAsync(id, Actor(context), cancellationToken) is { } data)
                {
                    conversations[id] = data;
                }
            }
            return conversations.Count == 0 ? NotFound() : Results.Json(new { userId, exportedAt = clock.GetUtcNow(), conversations });
        });

        api.MapGet("/log", async (int? limit, IPrivacyAudit audit) => Results.Json(await audit.EntriesAsync(Math.Clamp(limit ?? 100, 1, 1000))));
        return app;
    }

    private static IResult NotFound() => Results.Problem(detail: "nothing is stored about that conversation", statusCode: StatusCodes.Status404NotFound);

    private static string Actor(HttpContext context) => GuideIdentity.From(context.User)?.UserName ?? "unknown";

    private static string SafeFileName(string id) => new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(64).ToArray());
}
