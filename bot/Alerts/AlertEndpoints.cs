using System.Text.Json;
using Bot.Guides;
using Dialogs.Alerts;
using Knowledge;

namespace Bot.Alerts;

/// <summary>
/// Crisis alerts: anyone may read the active ones (the widget's banner); guides post and delete them.
/// </summary>
internal static class AlertEndpoints
{
    public const int MaxTextLength = 500;

    private sealed record AlertRequest(string? Text, List<string>? Topics, DateTimeOffset? ExpiresAt, string? TextEn = null);

    public static IServiceCollection AddAlerts(this IServiceCollection services, Bot.Storage.StoreOptions store)
    {
        Bot.Storage.StorageServices.AddStore<IAlertStore, SqliteAlertStore, PostgresAlertStore>(services, store);
        services.AddSingleton<IAlertSource>(sp => sp.GetRequiredService<IAlertStore>());
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", async (IAlertStore alerts, CancellationToken cancellationToken) =>
            Results.Json((await alerts.ActiveAsync(cancellationToken)).Select(View))).RequireCors("DirectLine");

        app.MapPost("/api/alerts", async (HttpContext context, IAlertStore alerts, KnowledgeProvider knowledge, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            AlertRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<AlertRequest>(cancellationToken);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                return Problem("the body must be JSON: { \"text\": \"…\", \"topics\": [\"snöröjning\"], \"expiresAt\": \"2026-12-01T18:00:00+01:00\" }");
            }
            var text = request?.Text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return Problem("text is required");
            }
            if (text.Length > MaxTextLength)
            {
                return Problem($"text is longer than {MaxTextLength} characters");
            }
            if (text.Any(c => char.IsControl(c) && c is not '\n'))
            {
                return Problem("text must not contain control characters");
            }
            var textEn = string.IsNullOrWhiteSpace(request!.TextEn) ? null : request.TextEn.Trim();
            if (textEn is not null && (textEn.Length > MaxTextLength || textEn.Any(c => char.IsControl(c) && c is not '\n')))
            {
                return Problem($"textEn must be at most {MaxTextLength} characters without control characters");
            }
            var known = knowledge.Current.Knowledge.Topics.Select(t => t.Name).ToList();
            var topics = (request!.Topics ?? []).Select(t => t?.Trim() ?? "").ToList();
            var unknown = topics.Where(t => !known.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                return Problem($"unknown topics: {string.Join(", ", unknown)}; known topics: {string.Join(", ", known)}");
            }
            if (request.ExpiresAt is not { } expiresAt || expiresAt <= clock.GetUtcNow())
            {
                return Problem("expiresAt is required and must be in the future (ISO 8601 with offset)");
            }
            var canonical = topics.Select(t => known.First(k => k.Equals(t, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
            var alert = await alerts.AddAsync(text, canonical, expiresAt, GuideIdentity.From(context.User)?.UserName, cancellationToken, textEn);
            return Results.Json(View(alert), statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization(GuidePolicies.Guide);

        app.MapGet("/api/alerts/topics", (KnowledgeProvider knowledge) =>
            Results.Json(knowledge.Current.Knowledge.Topics.Select(t => t.Name))).RequireAuthorization(GuidePolicies.Guide);

        app.MapDelete("/api/alerts/{id}", async (string id, IAlertStore alerts, CancellationToken cancellationToken) =>
            await alerts.DeleteAsync(id, cancellationToken)
                ? Results.NoContent()
                : Results.Problem(detail: "no such alert", statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(GuidePolicies.Guide);
        return app;
    }

    private static object View(CrisisAlert alert) => new
    {
        id = alert.Id,
        text = alert.Text,
        textEn = alert.TextEn,
        topics = alert.Topics,
        createdAt = alert.CreatedAt,
        expiresAt = alert.ExpiresAt,
    };

    private static IResult Problem(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
