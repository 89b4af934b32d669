using System.Globalization;
using System.Text.Json;
using Bot.Guides;
using Bot.Storage;
using Bot.Translation;
using Bot.Turns;
using Dialogs.Alerts;
using Dialogs.Engine;
using Dialogs.FaultReports;
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
    IAlertSource alerts,
    IFaultReportStore faultReports,
    GuideAccountStore accounts,
    IMachineTranslator translator) : IHandoffService
{
    static HandoffService() => HandoffMessages.Register();

    private ContactCenterHours Hours => ContactCenterHours.For(knowledge.Current.Knowledge);

    /// <summary>
    /// Whether a guide who speaks <paramref name="language"/> can chat now: signed in and ready, and within the
    /// hours of that language's guides when the content gives them (facilities.yaml, <c>language:</c>), else
    /// the contact center's. Swedish, English and easy Swedish: every guide.
    /// </summary>
    public async Task<bool> LanguageGuideAvailableAsync(string languageCode, DateTimeOffset now)
    {
        if (Bot.Guides.GuideAccount.Common.Contains(languageCode))
        {
            return true;
        }
        var hours = ContactCenterHours.ForLanguage(knowledge.Current.Knowledge, LanguageCodes.FromCode(languageCode)) ?? Hours;
        if (!hours.IsOpen(now))
        {
            return false;
        }
        return (await presence.ReadyAsync()).Any(g => accounts.Speaks(g.UserName, languageCode));
    }

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
        // A second handoff in the same conversation summarizes what happened since the previous case.
        var previous = (await cases.OfConversationAsync(conversationId, cancellationToken)).LastOrDefault();
        var recent = activities.Where(a => previous is null || (a.Activity.Timestamp ?? now) > previous.CreatedAt).ToList();
        var residentTexts = recent.Where(a => a.Activity.Type == ActivityTypes.Message && a.Activity.From?.Role == RoleTypes.User)
            .Select(a => a.Activity.Text ?? "").ToList();
        if (residentTexts.Count == 0 && trigger.Text is { } text)
        {
            residentTexts.Add(text);
        }
        var summary = CaseSummaryBuilder.Build(request, residentTexts, knowledge.Current.Knowledge, channel,
            previous is null ? null : new PreviousCase(previous.Id, previous.CreatedAt, Describe(previous)),
            await FaultReportDetailsAsync(recent, cancellationToken));
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
        await notifier.CaseCreatedAsync(item.Id, item.Group, item.Status, cancellationToken);

        // A crisis alert on the topic means many residents are waiting: say so before the queue position.
        var alert = AlertMessages.ForHandoff(await alerts.ActiveAsync(cancellationToken), request.Topic, LanguageCodes.FromCode(request.Language));
        var languageGuide = await LanguageGuideAvailableAsync(item.Language, now);
        if (!languageGuide)
        {
            await cases.AddEventAsync(item.Id, new CaseEvent(now, "no-language-guide", null, item.Language), cancellationToken);
        }
        if (status == CaseStatus.Message)
        {
            await senders.SendAsync(channel, conversationId, Status(item, "message"), cancellationToken);
            return new HandoffResponse(open ? HandoffResult.NoGuides : HandoffResult.Closed, item.Id, 0, null, ReplyBy(now), alert, languageGuide);
        }
        var position = await PositionAsync(item, cancellationToken);
        await senders.SendAsync(channel, conversationId, Status(item, "queued", position: position), cancellationToken);
        return new HandoffResponse(HandoffResult.Queued, item.Id, position, await ExpectedWaitAsync(position, group, cancellationToken), null, alert, languageGuide);
    }

    public async Task<CaseProgress?> ProgressAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } item)
        {
            return null;
        }
        var position = item.Status == CaseStatus.Queued ? await PositionAsync(item, cancellationToken) : 0;
        var hasContact = item.Summary.Details.Any(d => d.Kind is "e-post" or "telefon");
        var left = await MessageLeftAtAsync(item, cancellationToken);
        return new CaseProgress(item.Id, item.Status, position, hasContact, left is { } at ? ReplyBy(at) : null);
    }

    public async Task LeaveQueueAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { Status: CaseStatus.Queued } item)
        {
            return;
        }
        var now = clock.GetUtcNow();
        item = item with { Status = CaseStatus.Closed, ClosedAt = now, Resolution = "invånaren lämnade kön" };
        await cases.UpdateAsync(item, cancellationToken);
        await cases.AddEventAsync(caseId, new CaseEvent(now, "left-queue", null, null), cancellationToken);
        await senders.SendAsync(item.Channel, item.ConversationId, Status(item, "completed"), cancellationToken);
        await NotifyAsync(caseId, cancellationToken);
    }

    /// <summary>A closed case opened again by a guide, to follow up (e-mail, call): a message to answer, handled by that guide.</summary>
    public async Task<CaseActionResult> ReopenAsync(string caseId, GuideIdentity guide, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } item)
        {
            return CaseActionResult.NotFound;
        }
        if (item.Status != CaseStatus.Closed)
        {
            return CaseActionResult.Conflict;
        }
        await cases.UpdateAsync(item with { Status = CaseStatus.Message, ClosedAt = null, Resolution = null, ClaimedBy = guide.UserName, ClaimedByName = guide.DisplayName }, cancellationToken);
        await cases.AddEventAsync(caseId, new CaseEvent(clock.GetUtcNow(), "reopened", guide.UserName, null), cancellationToken);
        await NotifyAsync(caseId, cancellationToken);
        return CaseActionResult.Ok;
    }

    /// <summary>When a case became a message to answer: at creation, or when it timed out in the queue; null for live chats.</summary>
    public async Task<DateTimeOffset?> MessageLeftAtAsync(Case item, CancellationToken cancellationToken)
    {
        var events = await cases.EventsAsync(item.Id, cancellationToken);
        if (events.FirstOrDefault(e => e.Kind == "queue-timeout") is { } timeout)
        {
            return timeout.At;
        }
        return item.ClaimedAt is null && events.FirstOrDefault(e => e.Kind == "created") is { } created
            && (item.Status == CaseStatus.Message || events.Any(e => e.Kind is "email-sent" or "called-back"))
            ? created.At : null;
    }

    private async Task<int> PositionAsync(Case item, CancellationToken cancellationToken)
    {
        var queued = await cases.ListAsync(CaseStatus.Queued, cancellationToken);
        return Math.Max(1, queued.Count(c => c.Group == item.Group && c.CreatedAt <= item.CreatedAt));
    }

    private static string Describe(Case item) => item.Status == CaseStatus.Closed
        ? $"avslutat {TimeZoneInfo.ConvertTime(item.ClosedAt ?? item.CreatedAt, ContactCenterHours.Stockholm):yyyy-MM-dd HH:mm}" + (item.Resolution is { } r ? $", {r}" : "")
        : item.Status switch { CaseStatus.Queued => "i kö", CaseStatus.Active => "pågår", _ => "meddelande att besvara" };

    /// <summary>Fault reports the bot took in this part of the conversation: their references, categories and places.</summary>
    private async Task<IReadOnlyList<CaseDetail>> FaultReportDetailsAsync(IReadOnlyList<StoredActivity> activities, CancellationToken cancellationToken)
    {
        var details = new List<CaseDetail>();
        var references = activities.Where(a => a.Activity.Type == ActivityTypes.Message && a.Activity.From?.Role != RoleTypes.User)
            .SelectMany(a => System.Text.RegularExpressions.Regex.Matches(a.Activity.Text ?? "", @"\bFR-\d{4}-\d{6}\b").Select(m => m.Value))
            .Distinct();
        foreach (var reference in references)
        {
            var report = await faultReports.GetAsync(reference, cancellationToken);
            details.Add(new CaseDetail("felanmälan", report is null ? reference : $"{reference} ({FaultCategories.ByCode(report.Category).Name.Sv})"));
            if (report is not null)
            {
                details.Add(new CaseDetail("plats", report.Location));
            }
        }
        return details;
    }

    public async Task RelayAsync(string caseId, Activity activity, CancellationToken cancellationToken)
    {
        // What the resident adds (an address, how to reach them) belongs in the summary's details too.
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is not null && activity.Text is { Length: > 0 } added)
        {
            var details = item.Summary.Details.Concat(DetailExtractor.Extract([added]))
                .DistinctBy(d => (d.Kind, d.Value.ToUpperInvariant())).ToList();
            // While waiting, what the resident adds is part of their question; during a chat it is the chat.
            var summary = item.Status is CaseStatus.Queued or CaseStatus.Message ? CaseSummaryBuilder.WithAddedMessage(item.Summary, added) : item.Summary;
            if (details.Count > item.Summary.Details.Count || summary != item.Summary)
            {
                await cases.UpdateAsync(item with { Summary = summary with { Details = details } }, cancellationToken);
            }
        }
        await cases.AddEventAsync(caseId, new CaseEvent(clock.GetUtcNow(), "resident-message", activity.From?.Id, null), cancellationToken);
        var text = item is null || activity.Text is null ? activity.Text : Privacy.CaseMasking.Text(item.Status, activity.Text);
        await notifier.ResidentMessageAsync(caseId, new { activity.Id, Text = text, activity.Timestamp }, cancellationToken);
        if (item is not null && text is not null && translator.Available && GuideTranslation.SourceLanguage(text, item.Language) is not null)
        {
            // Translated after the guide has the message, so that a slow translator never holds up the resident's turn;
            // the console reloads the case, whose transcript then carries the (cached) translation.
            _ = TranslateForGuideAsync(caseId, text, item.Language);
        }
    }

    private async Task TranslateForGuideAsync(string caseId, string text, string language)
    {
        try
        {
            if (await GuideTranslation.ForGuideAsync(translator, text, language, CancellationToken.None) is not null)
            {
                await notifier.CaseUpdatedAsync(caseId, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HandoffLog.TranslationFailed(logger, caseId, e.GetType().Name);
        }
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
        await SetOwnerAsync(item.ConversationId, s => s with { Owner = ConversationOwners.Guide, CaseId = caseId, BotWhileQueued = false }, cancellationToken);
        await senders.SendAsync(item.Channel, item.ConversationId, Status(item, "accepted", guide.DisplayName), cancellationToken);
        await senders.SendAsync(item.Channel, item.ConversationId, FromGuide(guide, Text(HandoffMessages.Greeting, item, guide.DisplayName)), cancellationToken);
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
        if (backToBot)
        {
            var prompt = new Activity
            {
                Type = ActivityTypes.Message,
                From = BotIdentity.Account,
                Text = Text(HandoffMessages.RatingPrompt, item),
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
                Text = Text(HandoffMessages.ChatEnded, item),
            }, cancellationToken);
            await senders.SendAsync(item.Channel, item.ConversationId, new Activity { Type = ActivityTypes.EndOfConversation, From = BotIdentity.Account, Code = "completedSuccessfully" }, cancellationToken);
        }
        await NotifyAsync(caseId, cancellationToken);
        return CaseActionResult.Ok;
    }

    /// <summary>
    /// Moves a case to another group, or hands it to a named guide who is signed in (the chat goes on with
    /// them at once), with a note for whoever takes it next.
    /// </summary>
    public async Task<CaseActionResult> TransferAsync(string caseId, GuideIdentity guide, string? group, string? note, string? toGuide, CancellationToken cancellationToken)
    {
        // Two guides on two instances acting on one case at once: one after the other, each seeing the other's change.
        await using var _ = await locks.AcquireAsync(CaseLock(caseId), cancellationToken);
        var item = await cases.GetAsync(caseId, cancellationToken);
        if (item is null)
        {
            return CaseActionResult.NotFound;
        }
        var target = toGuide is null ? null : await presence.GetAsync(toGuide);
        if ((toGuide is not null && (target is null || target.Connections == 0 && target.DisconnectedAt is not null))
            || (group is not null && !knowledge.Current.Knowledge.Topics.Any(t => t.Group == group) && group != KnowledgeBase.GeneralGroup)
            || (group is null && target is null))
        {
            return CaseActionResult.Invalid;
        }
        if (item.Status == CaseStatus.Closed || (item.Status == CaseStatus.Active && item.ClaimedBy != guide.UserName))
        {
            return CaseActionResult.Conflict;
        }
        var now = clock.GetUtcNow();
        if (target is not null)
        {
            var targetGroup = group ?? target.Groups.FirstOrDefault(g => g == item.Group) ?? item.Group;
            item = item with { Group = targetGroup, ClaimedBy = target.UserName, ClaimedByName = target.DisplayName, ClaimedAt = item.ClaimedAt ?? now };
            await cases.UpdateAsync(item, cancellationToken);
            await cases.AddEventAsync(caseId, new CaseEvent(now, "transferred", guide.UserName, $"till {target.DisplayName}"), cancellationToken);
            await AddTransferNoteAsync(caseId, guide, note, now, cancellationToken);
            if (item.Status == CaseStatus.Active)
            {
                await senders.SendAsync(item.Channel, item.ConversationId, Status(item, "accepted", target.DisplayName), cancellationToken);
                await senders.SendAsync(item.Channel, item.ConversationId, new Activity
                {
                    Type = ActivityTypes.Message,
                    From = BotIdentity.Account,
                    Text = Text(HandoffMessages.TransferredToGuide, item, target.DisplayName),
                }, cancellationToken);
            }
            await notifier.CaseAssignedAsync(caseId, target.UserName, cancellationToken);
            await NotifyAsync(caseId, cancellationToken);
            return CaseActionResult.Ok;
        }
        var status = item.Status == CaseStatus.Message ? CaseStatus.Message : CaseStatus.Queued;
        item = item with { Status = status, Group = group!, ClaimedBy = null, ClaimedByName = null };
        await cases.UpdateAsync(item, cancellationToken);
        await cases.AddEventAsync(caseId, new CaseEvent(now, "transferred", guide.UserName, group), cancellationToken);
        await AddTransferNoteAsync(caseId, guide, note, now, cancellationToken);
        if (status == CaseStatus.Queued)
        {
            await SetOwnerAsync(item.ConversationId, s => s with { Owner = ConversationOwners.Queued }, cancellationToken);
            await senders.SendAsync(item.Channel, item.ConversationId, new Activity
            {
                Type = ActivityTypes.Message,
                From = BotIdentity.Account,
                Text = Text(HandoffMessages.TransferredToGroup, item, group),
            }, cancellationToken);
            await senders.SendAsync(item.Channel, item.ConversationId, Status(item, "queued", position: await PositionAsync(item, cancellationToken)), cancellationToken);
        }
        await notifier.CaseCreatedAsync(caseId, item.Group, item.Status, cancellationToken);
        await NotifyAsync(caseId, cancellationToken);
        return CaseActionResult.Ok;
    }

    private async Task AddTransferNoteAsync(string caseId, GuideIdentity guide, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(note))
        {
            await cases.AddEventAsync(caseId, new CaseEvent(now, "note", guide.UserName, "Vid överlämning: " + note.Trim()), cancellationToken);
        }
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
            Text = Text(HandoffMessages.Released, item),
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
        var text = Text(HandoffMessages.AllBusy, item, LanguageFormats.WeekdayAndDate(replyBy, LanguageCodes.FromCode(item.Language)));
        await senders.SendAsync(item.Channel, item.ConversationId, new Activity { Type = ActivityTypes.Message, From = BotIdentity.Account, Text = text }, cancellationToken);
        await NotifyAsync(item.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<TranscriptLine>> TranscriptAsync(Case item, CancellationToken cancellationToken)
    {
        var activities = await conversations.GetActivitiesAsync(item.ConversationId, 0, cancellationToken);
        return activities
            .Where(a => a.Activity.Type == ActivityTypes.Message && (!string.IsNullOrEmpty(a.Activity.Text) || a.Activity.Attachments is { Count: > 0 }))
            .Select(a => new TranscriptLine(
                a.Activity.From?.Name ?? a.Activity.From?.Id ?? "",
                Role(a.Activity),
                a.Activity.Text ?? "",
                a.Activity.Timestamp ?? item.CreatedAt,
                a.Activity.TextFormat == "plain" ? "plain" : "markdown",
                a.Activity.SuggestedActions?.Actions.Select(x => x.Title ?? x.ValueText ?? "").Where(t => t.Length > 0).ToList() is { Count: > 0 } buttons ? buttons : null,
                a.Activity.Attachments is { Count: > 0 } files
                    ? files.Where(f => f.ContentUrl is not null).Select(f => new TranscriptAttachment(f.ContentType ?? "", f.ContentUrl!, f.Name)).ToList()
                    : null))
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

    /// <summary>A fixed message in the case's language, with its values filled in.</summary>
    private static string Text(LocalizedText message, Case item, params object?[] values)
    {
        var language = LanguageCodes.FromCode(item.Language);
        return values.Length == 0 ? message.For(language) : string.Format(language.Culture(), message.For(language), values);
    }

    private async Task NotifyAsync(string caseId, CancellationToken cancellationToken)
    {
        await notifier.CaseUpdatedAsync(caseId, cancellationToken);
        await notifier.QueueChangedAsync(cancellationToken);
    }

    private static ChannelAccount GuideAccount(GuideIdentity guide) =>
        new() { Id = "guide:" + guide.UserName, Name = guide.DisplayName, Role = RoleTypes.Bot };

    private static Activity FromGuide(GuideIdentity guide, string text) =>
        new() { Type = ActivityTypes.Message, From = GuideAccount(guide), Text = text, TextFormat = "plain" };

    /// <summary>
    /// The Bot Framework handoff.status event (accepted, failed, completed), plus the states <c>queued</c>
    /// (with the position) and <c>message</c> that the widget's status line shows; accepted names the guide.
    /// </summary>
    private static Activity Status(Case item, string state, string? guide = null, int? position = null) => new()
    {
        Type = ActivityTypes.Event,
        Name = HandoffEventNames.HandoffStatus,
        From = BotIdentity.Account,
        Value = JsonSerializer.SerializeToElement(new { state, caseId = item.Id, guide, position }, ActivityJson.Options),
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
internal sealed record TranscriptLine(
    string From, string Role, string Text, DateTimeOffset Timestamp, string TextFormat = "markdown",
    IReadOnlyList<string>? Buttons = null, IReadOnlyList<TranscriptAttachment>? Attachments = null)
{
    /// <summary>A resident's message in a language other than Swedish and English, machine-translated to Swedish for the guide.</summary>
    public MachineTranslation? Translation { get; init; }
}

/// <summary>A file the resident sent or the bot showed (a photo is shown as a thumbnail).</summary>
internal sealed record TranscriptAttachment(string ContentType, string Url, string? Name);

internal static partial class HandoffLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Case {CaseId} created for conversation {ConversationId} in group {Group} with status {Status}")]
    public static partial void CaseCreated(ILogger logger, string caseId, string conversationId, string group, string status);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Translating a message of case {CaseId} for the guide failed: {Error}")]
    public static partial void TranslationFailed(ILogger logger, string caseId, string error);
}
