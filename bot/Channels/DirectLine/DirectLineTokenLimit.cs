using System.Globalization;
using Bot.Security;

namespace Bot.Channels.DirectLine;

/// <summary>
/// <c>DirectLine:TokensPerMinute</c> (default 60): how many website tokens (<c>POST /api/directline/token</c>)
/// one client address may get per minute; more get 429 with Retry-After. Counted by <see cref="IRateCounter"/>,
/// so with Redis the limit holds across instances. The address is the client's as the known proxies report it.
/// </summary>
internal sealed class DirectLineTokenLimit(IRateCounter counter, IConfiguration configuration)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly int _perMinute = Math.Max(1, configuration.GetValue("DirectLine:TokensPerMinute", 60));

    /// <summary>Counts one token; the 429 response when the address is over its limit, else null.</summary>
    public async Task<IResult?> CountAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        var count = await counter.AddAsync("directline-tokens:" + address, 1, Window, cancellationToken);
        if (count.Count <= _perMinute)
        {
            return null;
        }
        var wait = Math.Max(1, (int)Math.Ceiling((count.WindowEnds - DateTimeOffset.UtcNow).TotalSeconds));
        context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        return DirectLineErrors.Json(StatusCodes.Status429TooManyRequests, "TooManyRequests",
            $"More than {_perMinute} conversations were started from this address in a minute. Wait {wait} s and try again.");
    }
}
