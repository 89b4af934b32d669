using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Bot.Guides;

/// <summary>
/// The console's open live connections (SignalR) by session, so that ending a session also closes the
/// connection it opened: a revoked cookie or token gets no further pushes.
/// </summary>
internal sealed class GuideLiveConnections
{
    private readonly ConcurrentDictionary<string, (string SessionId, string UserName, HubCallerContext Context)> _connections = new(StringComparer.Ordinal);

    public void Add(HubCallerContext context)
    {
        if (GuideIdentity.From(context.User) is { SessionId: { } sessionId } guide)
        {
            _connections[context.ConnectionId] = (sessionId, guide.UserName, context);
        }
    }

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    /// <summary>Closes the connections of the sessions <paramref name="ended"/> selects (by session id and user name).</summary>
    public void Close(Func<string, string, bool> ended)
    {
        foreach (var (id, connection) in _connections)
        {
            if (ended(connection.SessionId, connection.UserName) && _connections.TryRemove(id, out _))
            {
                connection.Context.Abort();
            }
        }
    }
}
