using System.Globalization;
using System.Text.Json;
using Bot.Guides;
using Bot.Storage;
using Bot.Turns;
using Dialogs.Alerts;
using Dialogs.Engine;
using Dialogs.Handoff;
using Dialogs.Main;
using Dialogs.Protocol;
using Knowledge;
using Knowledge.Calendar;

namespace Bot.Handoff;

/// <summary>
/// The handoff state machine (bot → queued → guide → bot). Every transition is persisted before
/// anyone is told about it, emitted as a Bot Framework handoff event on the conversation, and
/// pushed to the guide consoles.
/// </summary>
internal sealed class HandoffService(
    ICaseStore cases,
    IConversationStore conversations,
    IConversationStateStore states,
    ConversationLocks locks,
    ChannelSenders senders,
    KnowledgeProvider knowledge,
    IGuidePresence presence,
    GuideNotifier notifier,
    TimeProvider clock,
    ILogger<HandoffService> logger,
    IAlertSource alerts) : IHandoffService
{
    private ContactCenterHours Hours => ContactCenterHours.For(knowledge.Current.Knowledge);

    public async Task<HandoffResponse> RequestAsync(HandoffRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var trigger = request.Trigger;
        var conversationId = trigger.Conversation!.Id!;
        var channel = trigger.ChannelId ?? "directline";
        var open = Hours.IsOpen(now);
        var group = knowledge.Current.Knowledge.GroupFor(request.Topic);
        var status = open && (await presence.ReadyAsync()).Count > 0 ? CaseStatus.Queued : CaseStatus.Message;
        if (status == CaseStatus.Queued && (await presence.ReadyAsync(group)).Count == 0)
        {
            group = KnowledgeBase.GeneralGroup;
        }

        var activities = await conversations.GetActivitiesAsync(conversationId, 0, cancellationToken);
        var residentTexts = activities.Where(a => a.Activity.Type == ActivityTypes.Message && a.Activity.From?.Role == RoleTypes.User)
            .Select(a => a.Activity.Text ?? "").ToList();
        if (residentTexts.Count == 0 && trigger.Text is { } text)
        {
            residentTexts.Add(text);
        }
        var summary = CaseSummaryBuilder.Build(request, residentTexts, knowledge.Current.Knowledge, channel);
        var item = new Case
        {
            Id = await cases.NextIdAsync(now, cancellationToken),
            ConversationId = conversationId,
            Channel = channel,
            UserId = trigger.From?.Id ?? "",
            Status = status,
            Group = group,
            Language = request.Language,
            Topic = request.Topic,
            Summary = summary,
            CreatedAt = now,
        };
        await cases.CreateAsync(item, cancellationToken);
        await cases.AddEventAsync(item.Id, new CaseEvent(now, "created", null, summary.Reason), cancellationToken);
        HandoffLog.CaseCreated(logger, item.Id, conversationId, group, status);

        await senders.SendAsync(channel, conversationId, Initiation(item, trigger, activities), cancellationToken);
        await notifier.QueueChangedAsync(cancellationToken);

        // A crisis alert on the topic means many residents are waiting: say so before the queue position.
        var alert = AlertMessages.ForHandoff(await alerts.ActiveAsync(cancellationToken), request.Topic, LanguageCodes.FromCode(request.Language));
        if (status == CaseStatus.Message)
        {
            return new HandoffResponse(open ? HandoffResult.NoGuides : HandoffResult.Closed, item.Id, 0, null, ReplyBy(now), alert);
        }
        var queued = await cases.ListAsync(CaseStatus.Queued, cancellationToken);
        var position = queued.Count(c => c.Group == group && c.CreatedAt <= item.CreatedAt);
        return new HandoffResponse(HandoffResult.Queued, item.Id, position, await ExpectedWaitAsync(position, group, cancellationToken), null, alert);
    }

    public async Task RelayAsync(string caseId, Activity activity, CancellationToken cancellationToken)
    {
        // What the resident adds (an address, how to reach them) belongs in the summary's details too.
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is not null && activity.Text is { Length: > 0 } added)
        {
            var details = item.Summary.Details.Concat(DetailExtractor.Extract([added]))
                .DistinctBy(d => (d.Kind, d.Value.ToUpperInvariant())).ToList();
            if (details.Count > item.Summary.Details.Count)
            {
                await cases.UpdateAsync(item with { Summary = item.Summary with { Details = details } }, cancellationToken);
            }
        }
        await cases.AddEventAsync(caseId, new CaseEvent(clock.GetUtcNow(), "resident-message", activity.From?.Id, null), cancellationToken);
        var text = item is null || activity.Text is null ? activity.Text : Privacy.CaseMasking.Text(item.Status, activity.Text);
        await notifier.ResidentMessageAsync(caseId, new { activity.Id, Text = text, activity.Timestamp }, cancellationToken);
    }

    public Task ResidentTypingAsync(string caseId, CancellationToken cancellationToken) =>
        notifier.ResidentTypingAsync(caseId, cancellationToken);

    public async Task RateAsync(string caseId, int rating, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is { } item)
        {
            await cases.UpdateAsync(item with { Rating = Math.Clamp(rating, 1, 5) }, cancellationToken);
            await cases.AddEventAsync(caseId, new CaseEvent(clock.GetUtcNow(), "rated", null, rating.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            await notifier.CaseUpdatedAsync(caseId, cancellationToken);
        }
    }

    public async Task<(CaseActionResult Result, Case? Case)> ClaimAsync(string caseId, GuideIdentity guide, bool takeOver, CancellationToken cancellationToken)
    {
        // Two guides on two instances acting on one case at once: one after the other, each seeing the other's change.
        await using var _ = await locks.AcquireAsync(CaseLock(caseId), cancellationToken);
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is null)
        {
            return (CaseActionResult.NotFound, null);
        }
        if (item.Status == CaseStatus.Closed || (item.Status == CaseStatus.Active && item.ClaimedBy != guide.UserName && !takeOver))
        {
            return (CaseActionResult.Conflict, item);
        }
        var now = clock.GetUtcNow();
        var previous = item.ClaimedBy;
        item = item with { Status = CaseStatus.Active, ClaimedBy = guide.UserName, ClaimedByName = guide.DisplayName, ClaimedAt = item.ClaimedAt ?? now };
        await cases.UpdateAsync(item, cancellationToken);
        var kind = previous is not null && previous != guide.UserName ? "taken-over" : "claimed";
        await cases.AddEventAsync(caseId, new CaseEvent(now, kind, guide.UserName, previous), cancellationToken);
        await SetOwnerAsync(item.ConversationId, s => s with { Owner = ConversationOwners.Guide, CaseId = caseId }, cancellationToken);
        await senders.SendAsync(item.Channel, item.ConversationId, Status(item, "accepted"), cancellationToken);
        var greeting = item.Language == "en"
            ? $"Hi, my name is {guide.DisplayName} and I'm a service guide at the City of Gothenburg. I have read your conversation with the chatbot."
            : $"Hej, jag heter {guide.DisplayName} och är servicevägledare på Göteborgs Stad. Jag har läst ditt samtal med chattboten.";
        await senders.SendAsync(item.Channel, item.ConversationId, FromGuide(guide, greeting), cancellationToken);
        await NotifyAsync(caseId, cancellationToken);
        return (CaseActionResult.Ok, item);
    }

    public async Task<(CaseActionResult Result, string? ActivityId)> SendAsync(string caseId, GuideIdentity guide, string text, CancellationToken cancellationToken)
    {
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is null)
        {
            return (CaseActionResult.NotFound, null);
        }
        if (item.Status != CaseStatus.Active || item.ClaimedBy != guide.UserName)
        {
            return (CaseActionResult.Conflict, null);
        }
        var id = await senders.SendAsync(item.Channel, item.ConversationId, FromGuide(guide, text), cancellationToken);
        await cases.AddEventAsync(caseId, new CaseEvent(clock.GetUtcNow(), "guide-message", guide.UserName, null), cancellationToken);
        await NotifyAsync(caseId, cancellationToken);
        return (CaseActionResult.Ok, id);
    }

    public async Task<CaseActionResult> TypingAsync(string caseId, GuideIdentity guide, CancellationToken cancellationToken)
    {
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is null)
        {
            return CaseActionResult.NotFound;
        }
        if (item.Status != CaseStatus.Active || item.ClaimedBy != guide.UserName)
        {
            return CaseActionResult.Conflict;
        }
        await senders.SendAsync(item.Channel, item.ConversationId, new Activity { Type = ActivityTypes.Typing, From = GuideAccount(guide) }, cancellationToken);
        return CaseActionResult.Ok;
    }

    public async Task<CaseActionResult> CloseAsync(string caseId, GuideIdentity guide, string? resolution, bool backToBot, CancellationToken cancellationToken)
    {
        // Two guides on two instances acting on one case at once: one after the other, each seeing the other's change.
        await using var _ = await locks.AcquireAsync(CaseLock(caseId), cancellationToken);
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is null)
        {
            return CaseActionResult.NotFound;
        }
        if (item.Status == CaseStatus.Closed || (item.Status == CaseStatus.Active && item.ClaimedBy != guide.UserName))
        {
            return CaseActionResult.Conflict;
        }
        var now = clock.GetUtcNow();
        item = item with { Status = CaseStatus.Closed, ClosedAt = now, Resolution = resolution ?? "besvarad", ClaimedBy = item.ClaimedBy ?? guide.UserName, ClaimedByName = item.ClaimedByName ?? guide.DisplayName };
        await cases.UpdateAsync(item, cancellationToken);
        await cases.AddEventAsync(caseId, new CaseEvent(now, "closed", guide.UserName, item.Resolution), cancellationToken);
        await SetOwnerAsync(item.ConversationId, s => s with { Owner = ConversationOwners.Bot, CaseId = null, RatingCaseId = backToBot ? caseId : null, Misses = 0 }, cancellationToken);
        await senders.SendAsync(item.Channel, item.ConversationId, Status(item, "completed"), cancellationToken);
        var english = item.Language == "en";
        if (backToBot)
        {
            var prompt = new Activity
            {
                Type = ActivityTypes.Message,
                From = BotIdentity.Account,
                Text = english
                    ? "The service guide has finished the chat and I, the chatbot, am back. How satisfied are you with the help you got? Answer 1 (not at all) to 5 (very)."
                    : "Vägledaren har avslutat chatten och jag, chattboten, svarar igen. Hur nöjd är du med hjälpen du fick? Svara 1 (inte alls) till 5 (mycket).",
                TextFormat = "plain",
                SuggestedActions = new SuggestedActions { Actions = Enumerable.Range(1, 5).Select(n => CardAction.ImBack(n.ToString(CultureInfo.InvariantCulture))).ToList() },
            };
            await senders.SendAsync(item.Channel, item.ConversationId, prompt, cancellationToken);
        }
        else
        {
            await senders.SendAsync(item.Channel, item.ConversationId, new Activity
            {
                Type = ActivityTypes.Message,
                From = BotIdentity.Account,
                Text = english ? "The chat has ended. Thank you for contacting the City of Gothenburg." : "Chatten är avslutad. Tack för att du kontaktade Göteborgs Stad.",
            }, cancellationToken);
            await senders.SendAsync(item.Channel, item.ConversationId, new Activity { Type = ActivityTypes.EndOfConversation, From = BotIdentity.Account, Code = "completedSuccessfully" }, cancellationToken);
        }
        await NotifyAsync(caseId, cancellationToken);
        return CaseActionResult.Ok;
    }

    public async Task<CaseActionResult> TransferAsync(string caseId, GuideIdentity guide, string group, CancellationToken cancellationToken)
    {
        // Two guides on two instances acting on one case at once: one after the other, each seeing the other's change.
        await using var _ = await locks.AcquireAsync(CaseLock(caseId), cancellationToken);
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is null)
        {
            return CaseActionResult.NotFound;
        }
        if (!knowledge.Current.Knowledge.Topics.Any(t => t.Group == group) && group != KnowledgeBase.GeneralGroup)
        {
            return CaseActionResult.Invalid;
        }
        if (item.Status == CaseStatus.Closed || (item.Status == CaseStatus.Active && item.ClaimedBy != guide.UserName))
        {
            return CaseActionResult.Conflict;
        }
        var status = item.Status == CaseStatus.Message ? CaseStatus.Message : CaseStatus.Queued;
        item = item with { Status = status, Group = group, ClaimedBy = null, ClaimedByName = null };
        await cases.UpdateAsync(item, cancellationToken);
        await cases.AddEventAsync(caseId, new CaseEvent(clock.GetUtcNow(), "transferred", guide.UserName, group), cancellationToken);
        if (status == CaseStatus.Queued)
        {
            await SetOwnerAsync(item.ConversationId, s => s with { Owner = ConversationOwners.Queued }, cancellationToken);
            await senders.SendAsync(item.Channel, item.ConversationId, new Activity
            {
                Type = ActivityTypes.Message,
                From = BotIdentity.Account,
                Text = item.Language == "en"
                    ? $"Your question has been passed on to another group of service guides ({group}). Please wait a little longer."
                    : $"Din fråga har skickats vidare till en annan grupp vägledare ({group}). Vänta lite till, så svarar de.",
            }, cancellationToken);
        }
        await NotifyAsync(caseId, cancellationToken);
        return CaseActionResult.Ok;
    }

    public async Task<CaseActionResult> NoteAsync(string caseId, GuideIdentity guide, string text, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is null)
        {
            return CaseActionResult.NotFound;
        }
        await cases.AddEventAsync(caseId, new CaseEvent(clock.GetUtcNow(), "note", guide.UserName, text), cancellationToken);
        await notifier.CaseUpdatedAsync(caseId, cancellationToken);
        return CaseActionResult.Ok;
    }

    /// <summary>A guide's console has been gone too long: their active cases go back to the queue.</summary>
    public async Task ReleaseAsync(Case item, string reason, CancellationToken cancellationToken)
    {
        await using var _ = await locks.AcquireAsync(CaseLock(item.Id), cancellationToken);
        if (await cases.GetAsync(item.Id, cancellationToken) is not { Status: CaseStatus.Active } current || current.ClaimedBy != item.ClaimedBy)
        {
            return; // the guide came back, or the case moved on meanwhile
        }
        await cases.UpdateAsync(item with { Status = CaseStatus.Queued, ClaimedBy = null, ClaimedByName = null }, cancellationToken);
        await cases.AddEventAsync(item.Id, new CaseEvent(clock.GetUtcNow(), "released", item.ClaimedBy, reason), cancellationToken);
        await SetOwnerAsync(item.ConversationId, s => s with { Owner = ConversationOwners.Queued }, cancellationToken);
        await senders.SendAsync(item.Channel, item.ConversationId, new Activity
        {
            Type = ActivityTypes.Message,
            From = BotIdentity.Account,
            Text = item.Language == "en"
                ? "The service guide lost the connection. You are back in the queue and the next free guide will continue."
                : "Vägledaren tappade anslutningen. Du står i kön igen och nästa lediga vägledare tar över.",
        }, cancellationToken);
        await NotifyAsync(item.Id, cancellationToken);
    }

    /// <summary>Nobody claimed a queued case in time: offer to leave a message instead, as after hours.</summary>
    public async Task ExpireQueuedAsync(Case item, CancellationToken cancellationToken)
    {
        await using var _ = await locks.AcquireAsync(CaseLock(item.Id), cancellationToken);
        if (await cases.GetAsync(item.Id, cancellationToken) is not { Status: CaseStatus.Queued })
        {
            return; // claimed or closed meanwhile
        }
        var now = clock.GetUtcNow();
        await cases.UpdateAsync(item with { Status = CaseStatus.Message }, cancellationToken);
        await cases.AddEventAsync(item.Id, new CaseEvent(now, "queue-timeout", null, null), cancellationToken);
        await SetOwnerAsync(item.ConversationId, s => s with { Owner = ConversationOwners.Message, MessageAcknowledged = false }, cancellationToken);
        var replyBy = TimeZoneInfo.ConvertTime(ReplyBy(now), ContactCenterHours.Stockholm);
        var text = item.Language == "en"
            ? $"Sorry, all service guides are busy. Write your question and how we can reach you (e-mail or phone), and a guide will reply by {replyBy.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB"))}. You can also call +46 31-365 00 00."
            : $"Tyvärr är alla vägledare upptagna. Skriv din fråga och hur vi kan nå dig (e-post eller telefon), så svarar en vägledare senast {replyBy.ToString("dddd 'den' d MMMM", CultureInfo.GetCultureInfo("sv-SE"))}. Du kan också ringa 031-365 00 00.";
        await senders.SendAsync(item.Channel, item.ConversationId, new Activity { Type = ActivityTypes.Message, From = BotIdentity.Account, Text = text }, cancellationToken);
        await NotifyAsync(item.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<TranscriptLine>> TranscriptAsync(Case item, CancellationToken cancellationToken)
    {
        var activities = await conversations.GetActivitiesAsync(item.ConversationId, 0, cancellationToken);
        return activities
            .Where(a => a.Activity.Type == ActivityTypes.Message && !string.IsNullOrEmpty(a.Activity.Text))
            .Select(a => new TranscriptLine(
                a.Activity.From?.Name ?? a.Activity.From?.Id ?? "",
                Role(a.Activity),
                a.Activity.Text!,
                a.Activity.Timestamp ?? item.CreatedAt))
            .ToList();
    }

    private static string Role(Activity activity) =>
        activity.From?.Role == RoleTypes.User ? "resident"
        : activity.From?.Id?.StartsWith("guide:", StringComparison.Ordinal) == true ? "guide"
        : "bot";

    private async Task<TimeSpan?> ExpectedWaitAsync(int position, string group, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-7);
        var waits = (await cases.ListAsync(null, cancellationToken))
            .Where(c => c.ClaimedAt is not null && c.CreatedAt >= since && c.Group == group)
            .OrderByDescending(c => c.CreatedAt)
            .Take(20)
            .Select(c => (c.ClaimedAt!.Value - c.CreatedAt).TotalSeconds)
            .Order()
            .ToList();
        if (waits.Count < 3)
        {
            // Too few recent pickups to promise a figure: the resident is told we cannot say.
            return null;
        }
        var median = waits[waits.Count / 2];
        var guides = Math.Max(1, (await presence.ReadyAsync(group)).Count);
        return TimeSpan.FromSeconds(median * Math.Max(1, (double)position / guides));
    }

    /// <summary>Messages left now are answered by the end of the next working day.</summary>
    private DateTimeOffset ReplyBy(DateTimeOffset now) => Hours.NextOpening(now.AddDays(1));

    private async Task SetOwnerAsync(string conversationId, Func<ConversationState, ConversationState> change, CancellationToken cancellationToken)
    {
        await using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        var state = await states.LoadAsync(conversationId, cancellationToken) ?? new ConversationState();
        await states.SaveAsync(conversationId, change(state), cancellationToken);
    }

    private static string CaseLock(string caseId) => "case:" + caseId;

    private async Task NotifyAsync(string caseId, CancellationToken cancellationToken)
    {
        await notifier.CaseUpdatedAsync(caseId, cancellationToken);
        await notifier.QueueChangedAsync(cancellationToken);
    }

    private static ChannelAccount GuideAccount(GuideIdentity guide) =>
        new() { Id = "guide:" + guide.UserName, Name = guide.DisplayName, Role = RoleTypes.Bot };

    private static Activity FromGuide(GuideIdentity guide, string text) =>
        new() { Type = ActivityTypes.Message, From = GuideAccount(guide), Text = text, TextFormat = "plain" };

    private static Activity Status(Case item, string state) => new()
    {
        Type = ActivityTypes.Event,
        Name = HandoffEventNames.HandoffStatus,
        From = BotIdentity.Account,
        Value = JsonSerializer.SerializeToElement(new { state, caseId = item.Id }, ActivityJson.Options),
    };

    /// <summary>The Bot Framework handoff.initiate event: routing context in value, the transcript attached.</summary>
    private static Activity Initiation(Case item, Activity trigger, IReadOnlyList<StoredActivity> activities) => new()
    {
        Type = ActivityTypes.Event,
        Name = HandoffEventNames.InitiateHandoff,
        From = BotIdentity.Account,
        ReplyToId = trigger.Id,
        Value = JsonSerializer.SerializeToElement(new { caseId = item.Id, group = item.Group, skill = item.Topic, language = item.Language, summary = item.Summary }, ActivityJson.Options),
        Attachments =
        [
            new Attachment
            {
                ContentType = "application/json",
                Name = "Transcript",
                Content = JsonSerializer.SerializeToElement(new { activities = activities.Select(a => a.Activity).Where(a => a.Type == ActivityTypes.Message) }, ActivityJson.Options),
            },
        ],
    };
}

/// <summary>One line of a case's transcript for the guide.</summary>
internal sealed record TranscriptLine(string From, string Role, string Text, DateTimeOffset Timestamp);

internal static partial class HandoffLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Case {CaseId} created for conversation {ConversationId} in group {Group} with status {Status}")]
    public static partial void CaseCreated(ILogger logger, string caseId, string conversationId, string group, string status);
}
