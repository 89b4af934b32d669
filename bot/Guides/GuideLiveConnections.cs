using System.Collections.Concurrent;
using Bot.Storage;
using Microsoft.AspNetCore.SignalR;

namespace Bot.Guides;

/// <summary>
/// The console's open live connections (SignalR) on this instance, by session, so that ending a session also
/// closes the connection it opened: a revoked cookie or token gets no further pushes. A session ended on
/// another instance is announced as a cluster notice (<see cref="IClusterSignals"/>); every instance then
/// closes its connections whose session is no longer active.
/// </summary>
internal sealed partial class GuideLiveConnections
{
    public const string SessionsEndedSignal = "guide-sessions-ended";

    private readonly ConcurrentDictionary<string, (string SessionId, string UserName, HubCallerContext Context)> _connections = new(StringComparer.Ordinal);
    private readonly IClusterSignals _signals;
    private readonly IGuideSessionStore _sessions;
    private readonly ILogger<GuideLiveConnections> _logger;

    public GuideLiveConnections(IClusterSignals signals, IGuideSessionStore sessions, ILogger<GuideLiveConnections> logger)
    {
        _signals = signals;
        _sessions = sessions;
        _logger = logger;
        signals.Subscribe(SessionsEndedSignal, () => _ = CloseEndedAsync());
    }

    public void Add(HubCallerContext context)
    {
        if (GuideIdentity.From(context.User) is { SessionId: { } sessionId } guide)
        {
            _connections[context.ConnectionId] = (sessionId, guide.UserName, context);
        }
    }

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    /// <summary>
    /// Closes the connections of the sessions <paramref name="ended"/> selects (by session id and user name) on
    /// this instance, and tells the other instances to close theirs.
    /// </summary>
    public void Close(Func<string, string, bool> ended)
    {
        foreach (var (id, connection) in _connections)
        {
            if (ended(connection.SessionId, connection.UserName))
            {
                Abort(id);
            }
        }
        _signals.Publish(SessionsEndedSignal);
    }

    /// <summary>Closes this instance's connections whose session has ended (on any instance).</summary>
    public async Task CloseEndedAsync()
    {
        try
        {
            foreach (var (id, connection) in _connections)
            {
                if (await _sessions.FindAsync(connection.SessionId, CancellationToken.None) is not { } session || !session.IsActive(DateTimeOffset.UtcNow))
                {
                    Abort(id);
                }
            }
        }
        catch (Exception exception)
        {
            LogCheckFailed(_logger, exception);
        }
    }

    private void Abort(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            connection.Context.Abort();
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Warning, Message = "Could not check the console connections' sessions")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
