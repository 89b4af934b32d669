namespace Bot.Guides;

/// <summary>Log events of guide sign-in. Never passwords or tokens; unknown user names are not logged either (they may be mistyped passwords).</summary>
internal static partial class GuideLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "No Guides:Accounts are configured: the demo guide account 'demo' (password 'demo') is active. This is allowed in Development only.")]
    public static partial void DemoAccountActive(ILogger logger);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Guide {UserName} signed in ({Method})")]
    public static partial void SignedIn(ILogger logger, string userName, string method);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Guide sign-in failed for {UserName} from {Address} ({Method})")]
    public static partial void SignInFailed(ILogger logger, string userName, string address, string method);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Guide sign-in refused: too many failed attempts for {UserName} from {Address}")]
    public static partial void SignInThrottled(ILogger logger, string userName, string address);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Guide {UserName} signed out")]
    public static partial void SignedOut(ILogger logger, string userName);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "A guide bearer token was rejected (invalid, expired, or its account changed)")]
    public static partial void BearerTokenRejected(ILogger logger);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Cookie-authenticated {Method} {Path} without X-Requested-With: guide-console was refused")]
    public static partial void CsrfHeaderMissing(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 308, Level = LogLevel.Information, Message = "Guide {UserName} ended {Count} session(s) of {Owner}")]
    public static partial void SessionsEnded(ILogger logger, string userName, int count, string owner);

    [LoggerMessage(EventId = 309, Level = LogLevel.Information, Message = "Guide {UserName} changed their password; {Ended} other session(s) ended")]
    public static partial void PasswordChanged(ILogger logger, string userName, int ended);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "A cross-site guide sign-in form post was refused")]
    public static partial void CrossSiteSignInRefused(ILogger logger);
}
