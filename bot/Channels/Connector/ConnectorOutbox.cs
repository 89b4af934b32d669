using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.Connector;

/// <summary>
/// Outgoing activities of connector conversations: stored in the conversation's log (the transcript
/// guides see), then delivered to the channel's connector at the conversation's serviceUrl.
/// </summary>
internal sealed class ConnectorOutbox(
    IConversationStore store,
    IConnectorConversations conversations,
    ConnectorClient client,
    ILogger<ConnectorOutbox> logger)
{
    public const string EmulatorChannel = "emulator";

    /// <summary>A proactive message (a guide's reply, a handoff status) to a conversation that came through the connector.</summary>
    public async Task<string> SendAsync(string storeId, Activity activity, CancellationToken cancellationToken)
    {
        var reference = await conversations.GetAsync(storeId, cancellationToken)
            ?? throw new InvalidOperationException("Unknown connector conversation.");
        var stored = await StoreOutgoingAsync(reference, activity, cancellationToken);
        try
        {
            await DeliverAsync(reference, stored, cancellationToken);
        }
        catch (Exception exception) when (IsDeliveryFailure(exception, cancellationToken) && stored.Type != ActivityTypes.Message)
        {
            // Events and typing are best effort; a message that did not arrive is an error the guide must see.
            ConnectorLog.DeliveryFailed(logger, exception, storeId, stored.Type);
        }
        return stored.Id!;
    }

    /// <summary>A reply during a turn: stored, then delivered; a failed delivery is logged and does not break the turn.</summary>
    public async Task<string> ReplyAsync(ConnectorConversation reference, Activity activity, CancellationToken cancellationToken)
    {
        var stored = await StoreOutgoingAsync(reference, activity, cancellationToken);
        try
        {
            await DeliverAsync(reference, stored, cancellationToken);
        }
        catch (Exception exception) when (IsDeliveryFailure(exception, cancellationToken))
        {
            ConnectorLog.DeliveryFailed(logger, exception, reference.Id, stored.Type);
        }
        return stored.Id!;
    }

    /// <summary>
    /// Delivers again replies that were stored during a turn whose instance died before the turn ended:
    /// stored is not yet delivered for a channel outside our log. (Delivered but not marked ended, a
    /// reply arrives twice; that window is a single HTTP call, the other would lose the answer.)
    /// </summary>
    public async Task RedeliverAsync(ConnectorConversation reference, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            try
            {
                await DeliverAsync(reference, reply, cancellationToken);
            }
            catch (Exception exception) when (IsDeliveryFailure(exception, cancellationToken))
            {
                ConnectorLog.DeliveryFailed(logger, exception, reference.Id, reply.Type);
            }
        }
    }

    private async Task<Activity> StoreOutgoingAsync(ConnectorConversation reference, Activity activity, CancellationToken cancellationToken)
    {
        var stored = await store.AppendAsync(reference.Id, (sequence, timestamp) => activity with
        {
            Id = $"{reference.Id}|{sequence:D7}",
            Timestamp = timestamp,
            ChannelId = reference.ChannelId,
            Conversation = new ConversationAccount { Id = reference.Id },
            From = activity.From ?? BotIdentity.Account,
            Recipient = reference.User,
            ServiceUrl = null,
        }, cancellationToken);
        return stored.Activity;
    }

    private async Task DeliverAsync(ConnectorConversation reference, Activity stored, CancellationToken cancellationToken)
    {
        // As in the Bot Framework SDK, trace activities go only to the Emulator; channels drop them.
        if (stored.Type == ActivityTypes.Trace && reference.ChannelId != EmulatorChannel)
        {
            return;
        }
        var wire = stored with
        {
            Id = null,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            // Channels expect the bot's own account; a guide's message keeps the guide's name.
            From = reference.Bot with { Name = stored.From?.Name ?? reference.Bot.Name },
            Recipient = reference.User,
        };
        await client.SendAsync(reference.ServiceUrl, reference.Conversation.Id!, wire, cancellationToken);
        ConnectorLog.ActivitySent(logger, reference.Id, stored.Type);
    }

    private static bool IsDeliveryFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is ConnectorDeliveryException or HttpRequestException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
