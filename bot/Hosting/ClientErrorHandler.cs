using Microsoft.AspNetCore.Diagnostics;

namespace Bot.Hosting;

/// <summary>
/// A request body the client broke off or mis-encoded (<see cref="BadHttpRequestException"/>, e.g. fewer
/// bytes than its Content-Length) is the client's mistake: a JSON 400 (or the server's own status, such
/// as 413) and one information line in the log, not an error with a stack trace.
/// </summary>
internal sealed partial class ClientErrorHandler(ILogger<ClientErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        LogBadRequest(logger, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", bad.StatusCode, bad.Message);
        if (httpContext.Response.HasStarted || httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        await Results.Json(new { error = new { code = "BadRequest", message = "The request could not be read: " + bad.Message } }, statusCode: status)
            .ExecuteAsync(httpContext);
        return true;
    }

    public static bool IsClientError(ExceptionHandlerSuppressDiagnosticsContext context) => context.Exception is BadHttpRequestException;

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Bad request {Method} {Path}: {StatusCode} {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int statusCode, string reason);
}
