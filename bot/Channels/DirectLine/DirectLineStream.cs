using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bot.Storage;
using Dialogs.Protocol;

namespace Bot.Channels.DirectLine;

/// <summary>
/// The WebSocket activity stream (R8): replays everything after the watermark, then sends new
/// activities as they are stored. Every server frame is a text frame holding either an ActivitySet
/// or an empty keep-alive string: Direct Line JS gives up for good on any other shape.
/// </summary>
internal static class DirectLineStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task<IResult> AcceptAsync(
        string conversationId, string? watermark, string? t, HttpContext context,
        DirectLineAuth auth, IConversationStore store, ConversationHub hub, IHostApplicationLifetime lifetime, ILogger<DirectLineService> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineErrors.BadArgument("This address only accepts WebSocket connections.");
        }
        var (caller, error) = auth.AuthenticateValue(t ?? "");
        if (caller is null)
        {
            return error!;
        }
        if (!caller.CanAccess(conversationId))
        {
            return DirectLineErrors.WrongConversation();
        }
        var cancellationToken = context.RequestAborted;
        if (await store.GetAsync(conversationId, cancellationToken) is null)
        {
            return DirectLineErrors.UnknownConversation();
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var subscription = hub.Subscribe(conversationId);
        // Shutting down closes the stream cleanly (1001), so the process stops at once and the client reconnects.
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var receiving = DiscardIncomingAsync(socket, closed);
        try
        {
            var next = DirectLineEndpoints.Watermark(watermark);
            next = await SendStoredAsync(socket, store, conversationId, next, closed.Token);
            while (!closed.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
                wait.CancelAfter(KeepAlive);
                bool available;
                try
                {
                    available = await subscription.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                {
                    // Quiet for a while: send what the log has that no notice brought (a lost backplane message), then a keep-alive.
                    next = await SendStoredAsync(socket, store, conversationId, next, closed.Token);
                    await SendTextAsync(socket, "", closed.Token);
                    continue;
                }
                if (!available)
                {
                    break;
                }
                while (subscription.Reader.TryRead(out var item))
                {
                    if (item.Sequence > next)
                    {
                        // Something was stored before this listener saw it: read the gap from the log.
                        next = await SendStoredAsync(socket, store, conversationId, next, closed.Token);
                    }
                    if (item.Sequence == next)
                    {
                        await SendSetAsync(socket, [item.Activity], item.Sequence + 1, closed.Token);
                        next = item.Sequence + 1;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away; it reconnects with its watermark.
        }
        finally
        {
            await closed.CancelAsync();
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // Close with a close frame (1001 when shutting down) so the client reconnects at once.
                var status = lifetime.ApplicationStopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure;
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.CloseOutputAsync(status, null, grace.Token);
                }
                catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
                {
                }
            }
            // The receive loop ends when the client answers the close frame; give it a moment, then drop the socket.
            await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
            socket.Abort();
            await receiving;
            DirectLineLog.StreamClosed(logger, conversationId);
        }
        return Results.Empty;
    }

    private static async Task<int> SendStoredAsync(WebSocket socket, IConversationStore store, string conversationId, int from, CancellationToken cancellationToken)
    {
        var stored = await store.GetActivitiesAsync(conversationId, from, cancellationToken);
        foreach (var item in stored)
        {
            await SendSetAsync(socket, [item.Activity], item.Sequence + 1, cancellationToken);
            from = item.Sequence + 1;
        }
        return from;
    }

    private static Task SendSetAsync(WebSocket socket, IReadOnlyList<Activity> activities, int watermark, CancellationToken cancellationToken) =>
        SendTextAsync(socket, JsonSerializer.Serialize(new ActivitySet(activities, watermark.ToString(CultureInfo.InvariantCulture)), ActivityJson.Options), cancellationToken);

    private static Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.State == WebSocketState.Open
            ? socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// Reads (and ignores) client frames, such as Direct Line JS's empty pings, until the socket closes.
    /// It is not cancelled with a token: cancelling a pending receive aborts the socket, and then no
    /// close frame could be sent.
    /// </summary>
    private static async Task DiscardIncomingAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            await closed.CancelAsync();
        }
    }
}
