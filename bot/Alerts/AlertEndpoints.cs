namespace Bot.Alerts;

/// <summary>
/// Crisis alerts for the widget banner. Public read; until staff can post alerts the list is empty,
/// so the widget asks without errors.
/// </summary>
internal static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", () => Results.Json(Array.Empty<object>())).RequireCors("DirectLine");
        return app;
    }
}
