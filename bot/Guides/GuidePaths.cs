namespace Bot.Guides;

/// <summary>Which requests belong to the guide console, and which return addresses are safe.</summary>
internal static class GuidePaths
{
    public const string Console = "/guide";
    public const string Login = "/guide/login";
    public const string Logout = "/guide/logout";

    /// <summary>The sign-in page and what it loads: open to everyone.</summary>
    private static readonly HashSet<string> SignInPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        Login, Login + ".html", Login + ".js", Login + ".css", Logout,
    };

    /// <summary>
    /// A console page or file (anything under /guide except the sign-in page): only for signed-in guides.
    /// Repeated slashes and backslashes are folded first, because the static file provider ignores them.
    /// </summary>
    public static bool IsConsolePath(PathString path)
    {
        var normalized = Normalize(path.Value);
        return normalized.StartsWithSegments(Console, StringComparison.OrdinalIgnoreCase) && !SignInPaths.Contains(normalized.Value!.TrimEnd('/'));
    }

    /// <summary>
    /// A console page or file loaded by the browser (redirected to the sign-in page when signed out),
    /// as opposed to a script's request or the console's live connection (401): a GET or HEAD under
    /// /guide that is not a WebSocket, not server-sent events and not marked X-Requested-With (SignalR's
    /// client and fetch calls of the console send it).
    /// </summary>
    public static bool IsConsolePageRequest(HttpRequest request) =>
        IsConsolePath(request.Path)
        && !Normalize(request.Path.Value).StartsWithSegments(Handoff.GuideHub.Path, StringComparison.OrdinalIgnoreCase)
        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.HttpContext.WebSockets.IsWebSocketRequest
        && !request.Headers.ContainsKey("X-Requested-With")
        && !request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    public static bool IsApiPath(PathString path) => Normalize(path.Value).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The return address when it is a local console address (e.g. <c>/guide/cases?status=queued</c>); null otherwise.</summary>
    public static string? SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2048 || returnUrl[0] != '/'
            || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            || returnUrl.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        var path = returnUrl.Split('?', '#')[0];
        return IsConsolePath(new PathString(path)) ? returnUrl : null;
    }

    private static PathString Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return PathString.Empty;
        }
        var folded = path.Replace('\\', '/');
        while (folded.Contains("//", StringComparison.Ordinal))
        {
            folded = folded.Replace("//", "/", StringComparison.Ordinal);
        }
        return new PathString(folded);
    }
}
