using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bot.Guides;
using Knowledge;

namespace Bot.SavedReplies;

/// <summary>
/// <c>/api/guide/replies</c>: saved replies per group. Every guide reads them (their own groups' and the
/// shared ones first); any guide may add, change or remove one (a small team edits them together).
/// </summary>
internal static partial class SavedReplyEndpoints
{
    private sealed record ReplyRequest(string? Group, string? Shortcut, string? Title, string? Text);

    public static IServiceCollection AddSavedReplies(this IServiceCollection services, Storage.StoreOptions store) =>
        Storage.StorageServices.AddStore<ISavedReplyStore, SqliteSavedReplyStore, PostgresSavedReplyStore>(services, store);

    public static IEndpointRouteBuilder MapSavedReplies(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/guide/replies").RequireAuthorization(GuidePolicies.Guide);
        api.MapGet("", async (HttpContext context, ISavedReplyStore store, CancellationToken cancellationToken) =>
        {
            var groups = GuideIdentity.From(context.User)?.Groups ?? [];
            return Results.Json((await store.ListAsync(cancellationToken))
                .OrderBy(r => r.Group is null ? 1 : groups.Contains(r.Group) ? 0 : 2).ThenBy(r => r.Shortcut, StringComparer.Ordinal));
        });
        api.MapPost("", async (ReplyRequest request, HttpContext context, ISavedReplyStore store, KnowledgeProvider knowledge, TimeProvider clock, CancellationToken cancellationToken) =>
            await SaveAsync("R-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant(), request, context, store, knowledge, clock, StatusCodes.Status201Created, cancellationToken));
        api.MapPut("/{id}", async (string id, ReplyRequest request, HttpContext context, ISavedReplyStore store, KnowledgeProvider knowledge, TimeProvider clock, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken) is null
                ? Results.Problem(detail: "no such saved reply", statusCode: StatusCodes.Status404NotFound)
                : await SaveAsync(id, request, context, store, knowledge, clock, StatusCodes.Status200OK, cancellationToken));
        api.MapDelete("/{id}", async (string id, ISavedReplyStore store, CancellationToken cancellationToken) =>
            await store.DeleteAsync(id, cancellationToken) ? Results.NoContent() : Results.Problem(detail: "no such saved reply", statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    private static async Task<IResult> SaveAsync(string id, ReplyRequest request, HttpContext context, ISavedReplyStore store, KnowledgeProvider knowledge,
        TimeProvider clock, int status, CancellationToken cancellationToken)
    {
        var shortcut = request.Shortcut?.Trim().TrimStart('/').ToLowerInvariant() ?? "";
        var title = request.Title?.Trim() ?? "";
        var text = request.Text?.Trim() ?? "";
        var group = string.IsNullOrWhiteSpace(request.Group) ? null : request.Group.Trim();
        var groups = knowledge.Current.Knowledge.Topics.Select(t => t.Group).Append(KnowledgeBase.GeneralGroup).ToHashSet();
        var problem = !Shortcut().IsMatch(shortcut) ? "shortcut must be 1–20 letters, digits or dashes (typed as /shortcut)"
            : title.Length is 0 or > 100 ? "title is required (at most 100 characters)"
            : text.Length is 0 or > 5000 ? "text is required (at most 5000 characters)"
            : group is not null && !groups.Contains(group) ? $"unknown group; known groups: {string.Join(", ", groups.Order())}"
            : (await store.ListAsync(cancellationToken)).Any(r => r.Id != id && r.Shortcut == shortcut && r.Group == group) ? $"the shortcut /{shortcut} is already used in this group"
            : null;
        if (problem is not null)
        {
            return Results.Problem(detail: problem, statusCode: StatusCodes.Status400BadRequest);
        }
        var reply = new SavedReply(id, group, shortcut, title, text, GuideIdentity.From(context.User)?.UserName, clock.GetUtcNow());
        await store.SaveAsync(reply, cancellationToken);
        return Results.Json(reply, statusCode: status);
    }

    [GeneratedRegex(@"^[\p{L}\d-]{1,20}$")]
    private static partial Regex Shortcut();
}
