using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Guides;

/// <summary>The JSON problem responses (RFC 9457) of guide sign-in and the guide API.</summary>
internal static class GuideProblems
{
    /// <summary>Where a requirement leaves the reason for a 403, for the response body.</summary>
    public static readonly object ForbiddenReasonKey = new();

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult TooManyAttempts(TimeSpan retryAfter) =>
        TypedResults.Problem($"Too many failed sign-ins. Try again in {Math.Ceiling(retryAfter.TotalMinutes)} minute(s).",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
}
