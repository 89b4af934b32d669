using System.Globalization;
using Bot.Security;

namespace Bot.Channels.DirectLine;

/// <summary>
/// <c>DirectLine:ActivitiesPerMinute</c> (default 60): how many activities (messages, uploads, typing)
/// one conversation may post per minute; more get 429 with Retry-After. Counted by <see cref="IRateCounter"/>.
/// </summary>
internal sealed class DirectLineActivityLimit(IRateCounter counter, IConfiguration configuration)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly int _perMinute = Math.Max(1, configuration.GetValue("DirectLine:ActivitiesPerMinute", 60));

    /// <summary>Counts one activity; the 429 response when the conversation is over its limit, else null.</summary>
    public async Task<IResult?> CountAsync(HttpContext context, string conversationId, CancellationToken cancellationToken)
    {
        var count = await counter.AddAsync("directline-activities:" + conversationId, 1, Window, cancellationToken);
        if (count.Count <= _perMinute)
        {
            return null;
        }
        var wait = Math.Max(1, (int)Math.Ceiling((count.WindowEnds - DateTimeOffset.UtcNow).TotalSeconds));
        context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        return DirectLineErrors.Json(StatusCodes.Status429TooManyRequests, "TooManyRequests",
            $"This conversation sent more than {_perMinute} activities in a minute. Wait {wait} s and send again.");
    }
}
