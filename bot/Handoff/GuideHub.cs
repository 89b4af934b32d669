using Bot.Guides;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Bot.Handoff;

/// <summary>
/// The guide console's live connection: the server pushes queue and case changes; the console
/// reports the guide as ready or away. Presence follows the connection, so a closed console is
/// noticed and its cases are released after the grace period.
/// </summary>
[Authorize(Policy = GuidePolicies.Guide)]
internal sealed class GuideHub(IGuidePresence presence, GuideLiveConnections connections) : Hub
{
    public const string Path = "/guide/hub";

    public override async Task OnConnectedAsync()
    {
        connections.Add(Context);
        if (GuideIdentity.From(Context.User!) is { } guide)
        {
            await presence.ConnectedAsync(guide.UserName, guide.DisplayName, guide.Groups);
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context);
        if (GuideIdentity.From(Context.User!) is { } guide)
        {
            await presence.DisconnectedAsync(guide.UserName);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Ready to take chats, or away.</summary>
    public async Task SetReady(bool ready)
    {
        if (GuideIdentity.From(Context.User!) is { } guide)
        {
            await presence.SetReadyAsync(guide.UserName, guide.DisplayName, guide.Groups, ready);
        }
    }
}
