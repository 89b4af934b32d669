using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bot.Storage;
using Bot.Turns;
using Dialogs.Protocol;

namespace Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line channel: conversations, the activity log with watermarks, the echo of posted
/// activities that Web Chat waits for, and replies from the bot into the same log.
/// </summary>
internal sealed partial class DirectLineService(
    IConversationStore store,
    ConversationHub hub,
    DirectLineOutbox outbox,
    DirectLineTokens tokens,
    TurnProcessor turns,
    ILogger<DirectLineService> logger) : ITurnReplyChannel
{
    public const string ChannelId = "directline";

    public static string NewConversationId() => Base64Id(18);

    public static string NewUserId() => "dl_" + Base64Id(12);

    /// <summary>A user id from a client, if it is one we accept (Web Chat's <c>dl_</c> form); otherwise a new one.</summary>
    public static string AcceptUserId(string? requested) =>
        requested is not null && UserIdPattern().IsMatch(requested) ? requested : NewUserId();

    public async Task<DirectLineConversation> CreateConversationAsync(string? requestedUserId, CancellationToken cancellationToken)
    {
        var conversationId = NewConversationId();
        var userId = AcceptUserId(requestedUserId);
        await store.CreateAsync(conversationId, userId, ChannelId, cancellationToken);
        DirectLineLog.ConversationCreated(logger, conversationId);
        return new DirectLineConversation(conversationId, tokens.Issue(conversationId, userId), (int)DirectLineTokens.Lifetime.TotalSeconds, null);
    }

    public DirectLineConversation Describe(ConversationRecord conversation, HttpRequest request, string? watermark) =>
        new(conversation.Id, tokens.Issue(conversation.Id, conversation.UserId), (int)DirectLineTokens.Lifetime.TotalSeconds,
            StreamUrl(request, conversation, watermark));

    /// <summary>
    /// Starts the conversation once: the bot gets a conversationUpdate and greets the resident. The start
    /// is marked pending with the conversation, so the greeting comes even if this instance dies first.
    /// </summary>
    public async Task<bool> StartAsync(ConversationRecord conversation, string? locale, string serviceUrl, CancellationToken cancellationToken)
    {
        var update = StartActivity(conversation, locale, serviceUrl);
        var started = false;
        await turns.ProcessAsync(conversation.Id, async ct =>
        {
            started = await store.MarkStartedAsync(conversation.Id, new PendingTurn(conversation.Id, update.Id!, ChannelId, null, update, DateTimeOffset.UtcNow), ct);
            return new TurnInput(update, null, RunTurn: started, Pending: started);
        }, (reply, ct) => SendAsync(conversation, reply, ct), cancellationToken);
        return started;
    }

    private static Activity StartActivity(ConversationRecord conversation, string? locale, string serviceUrl)
    {
        var user = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User };
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = $"{conversation.Id}|start",
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = user,
            Recipient = BotIdentity.Account,
            MembersAdded = [BotIdentity.Account, user],
            Locale = locale,
            Timestamp = DateTimeOffset.UtcNow,
        };
        return update;
    }

    /// <summary>
    /// Stores a resident's activity (the echo) with its turn marked pending, then runs the bot's turn on
    /// it. A client's retry of the same activity (same <c>clientActivityID</c>) is stored once and answered once.
    /// </summary>
    public async Task<string> PostAsync(ConversationRecord conversation, Activity posted, string userId, string serviceUrl, CancellationToken cancellationToken)
    {
        // Messages, events and the end of a conversation get a turn that must finish; typing runs a turn
        // too (a guide sees the resident typing) but nothing is owed if it is lost.
        var owed = posted.Type is ActivityTypes.Message or ActivityTypes.Event or ActivityTypes.EndOfConversation;
        var dedupeKey = posted.ChannelDataString("clientActivityID") is { Length: > 0 and <= 200 } clientId ? "client:" + clientId : null;
        async Task<TurnInput> ReceiveAsync(CancellationToken ct)
        {
            var received = await store.ReceiveAsync(conversation.Id, dedupeKey, owed ? ChannelId : null, (sequence, timestamp) => posted with
            {
                Id = ActivityId(conversation.Id, sequence),
                Timestamp = timestamp,
                ChannelId = ChannelId,
                ServiceUrl = serviceUrl,
                Conversation = new ConversationAccount { Id = conversation.Id },
                From = (posted.From ?? new ChannelAccount()) with { Id = userId, Role = RoleTypes.User },
                Recipient = BotIdentity.Account,
            }, ct);
            if (!received.Duplicate)
            {
                hub.Publish(conversation.Id, received.Stored);
                DirectLineLog.ActivityReceived(logger, received.Stored.Activity.Id!, received.Stored.Activity.Type);
            }
            return TurnInput.From(received);
        }

        if (owed || posted.Type == ActivityTypes.Typing)
        {
            var received = await turns.ProcessAsync(conversation.Id, ReceiveAsync, (reply, ct) => SendAsync(conversation, reply, ct), cancellationToken);
            return received.Id!;
        }
        // Other activities the bot does not act on are only stored and echoed.
        return (await ReceiveAsync(CancellationToken.None)).Activity.Id!;
    }

    string ITurnReplyChannel.Name => ChannelId;

    async Task<Func<Activity, CancellationToken, Task<string>>?> ITurnReplyChannel.RepliesAsync(string conversationId, CancellationToken cancellationToken) =>
        await store.GetAsync(conversationId, cancellationToken) is { } conversation
            ? (reply, ct) => SendAsync(conversation, reply, ct)
            : null;

    Task ITurnReplyChannel.RedeliverAsync(string conversationId, IReadOnlyList<Activity> replies, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Delivers an activity from the bot (or a guide) to the conversation.</summary>
    public Task<string> SendAsync(ConversationRecord conversation, Activity activity, CancellationToken cancellationToken) =>
        outbox.SendAsync(conversation, activity, cancellationToken);

    public static string ActivityId(string conversationId, int sequence) => $"{conversationId}|{sequence:D7}";

    public string StreamUrl(HttpRequest request, ConversationRecord conversation, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var token = Uri.EscapeDataString(tokens.Issue(conversation.Id, conversation.UserId));
        return $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?watermark={Uri.EscapeDataString(watermark ?? "")}&t={token}";
    }

    private static string Base64Id(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    [GeneratedRegex("^dl_[A-Za-z0-9_-]{4,64}$")]
    private static partial Regex UserIdPattern();
}

internal static partial class DirectLineLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} created")]
    public static partial void ConversationCreated(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Direct Line activity {ActivityId} of type {Type} received")]
    public static partial void ActivityReceived(ILogger logger, string activityId, string type);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Direct Line request rejected: {Code} (conversation {ConversationId})")]
    public static partial void Rejected(ILogger logger, string code, string? conversationId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Reading activities of conversation {ConversationId} failed; an empty page was returned")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Direct Line stream of conversation {ConversationId} closed")]
    public static partial void StreamClosed(ILogger logger, string conversationId);
}
