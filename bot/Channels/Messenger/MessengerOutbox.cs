using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Messenger;

/// <summary>
/// What the bot or a guide sends to a Messenger resident: stored in the conversation log (the
/// console's transcript), then delivered through the Send API within the messaging window.
/// </summary>
internal sealed class MessengerOutbox(
    IConversationStore store,
    MessengerGraphClient graph,
    MessengerReplyWindows windows,
    IOptions<MessengerOptions> options,
    ILogger<MessengerOutbox> logger)
{
    /// <summary>Stores an activity from the bot or a guide in the conversation log, then delivers it to Messenger.</summary>
    public async Task<string> SendAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type == ActivityTypes.Typing)
        {
            // Not kept in the log; Messenger allows sender actions only inside the 24-hour window.
            if ((await windows.GetAsync(conversation.Id, cancellationToken))?.State == ReplyWindowStates.Open)
            {
                await SenderActionAsync(conversation.UserId, conversation.Id, "typing_on", cancellationToken);
            }
            return "";
        }
        var stored = await store.AppendAsync(conversation.Id, (sequence, timestamp) => activity with
        {
            Id = MessengerChannel.ActivityId(conversation.Id, sequence),
            Timestamp = timestamp,
            ChannelId = MessengerChannel.ChannelId,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = activity.From ?? BotIdentity.Account,
            Recipient = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User },
            ServiceUrl = null,
        }, cancellationToken);
        await DeliverAsync(conversation, stored.Activity, cancellationToken);
        return stored.Activity.Id!;
    }

    private async Task DeliverAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type == ActivityTypes.Event && options.Value.HandoverToPageInbox)
        {
            await HandoverAsync(conversation, activity, cancellationToken);
            return;
        }
        var messages = MessengerReplyMapper.ToMessages(activity);
        if (messages.Count == 0)
        {
            // Traces, handoff events and the end of a conversation exist only in our log.
            return;
        }
        var window = await windows.GetAsync(conversation.Id, cancellationToken);
        var human = activity.From?.Id?.StartsWith("guide:", StringComparison.Ordinal) == true;
        (string Type, string? Tag)? sendAs = window?.State switch
        {
            ReplyWindowStates.Open => ("RESPONSE", null),
            // Meta allows the HUMAN_AGENT tag only for what a person wrote, never for the bot.
            ReplyWindowStates.HumanAgent when human => ("MESSAGE_TAG", "HUMAN_AGENT"),
            _ => null,
        };
        if (sendAs is not { } how)
        {
            MessengerLog.OutsideWindow(logger, conversation.Id, activity.Id!, window?.State ?? ReplyWindowStates.Closed, human);
            return;
        }
        foreach (var message in messages)
        {
            var body = new JsonObject
            {
                ["recipient"] = new JsonObject { ["id"] = conversation.UserId },
                ["messaging_type"] = how.Type,
                ["message"] = message,
            };
            if (how.Tag is { } tag)
            {
                body["tag"] = tag;
            }
            var result = await graph.SendMessageAsync(body, conversation.Id, cancellationToken);
            if (!result.Ok)
            {
                // The rest of the reply would read wrongly without this part.
                return;
            }
        }
    }

    /// <summary>With the Page Inbox handover on: the thread goes to the inbox when a case starts and comes back when it is completed.</summary>
    private async Task HandoverAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken)
    {
        var recipient = new JsonObject { ["id"] = conversation.UserId };
        if (activity.Name == HandoffEventNames.InitiateHandoff)
        {
            var caseId = activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("caseId", out var id) ? id.GetString() : null;
            var result = await graph.PostAsync("me/pass_thread_control", new JsonObject
            {
                ["recipient"] = recipient,
                ["target_app_id"] = options.Value.PageInboxAppId,
                ["metadata"] = $"Ärende {caseId}",
            }, conversation.Id, cancellationToken);
            if (result.Ok)
            {
                MessengerLog.PassedToInbox(logger, conversation.Id, caseId);
            }
        }
        else if (activity.Name == HandoffEventNames.HandoffStatus
            && activity.Value is { ValueKind: JsonValueKind.Object } status && status.TryGetProperty("state", out var state) && state.GetString() == "completed")
        {
            await graph.PostAsync("me/take_thread_control", new JsonObject { ["recipient"] = recipient }, conversation.Id, cancellationToken);
        }
    }

    public Task<GraphResult> SenderActionAsync(string psid, string conversationId, string action, CancellationToken cancellationToken) =>
        graph.SendMessageAsync(new JsonObject { ["recipient"] = new JsonObject { ["id"] = psid }, ["sender_action"] = action }, conversationId, cancellationToken);
}
