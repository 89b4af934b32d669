using Bot.Storage;
using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Protocol;
using Knowledge;

namespace Bot.Turns;

/// <summary>What a channel's receive step stored: the activity, and whether its turn still has to run.</summary>
/// <param name="RunTurn">false for activities the bot does not act on, and for a retry whose turn has already run</param>
/// <param name="Pending">the turn is marked pending in the store and must be completed when it has run</param>
/// <param name="Replay">a retry of an activity whose turn never finished: run it unless its reply is already in the log</param>
internal sealed record TurnInput(Activity Activity, int? Sequence, bool RunTurn, bool Pending, bool Replay = false)
{
    public static TurnInput From(ReceivedActivity received) => new(received.Stored.Activity, received.Stored.Sequence,
        RunTurn: !received.Duplicate || received.TurnPending, Pending: received.TurnPending, Replay: received.Duplicate);
}

/// <summary>
/// Runs one turn for an incoming activity: one turn at a time per conversation (across instances with
/// a shared store), replies sent through the channel that the activity came from, and the turn error
/// handler around it. A turn that has started is not cancelled by the client going away: once the
/// activity is stored, its turn runs to the end, and a turn left pending by a crash is run again by
/// <see cref="PendingTurnReplayer"/>.
/// </summary>
internal sealed class TurnProcessor(IBot bot, IConversationStore store, IConversationStateStore states, ConversationLocks locks, TurnDrill drill, ILogger<TurnProcessor> logger)
{
    /// <summary>Runs the turn of an activity that is not stored in the log (a channel's conversationUpdate).</summary>
    public Task ProcessAsync(Activity incoming, Func<Activity, CancellationToken, Task<string>> send, CancellationToken cancellationToken) =>
        ProcessAsync(incoming.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation.", nameof(incoming)),
            _ => Task.FromResult(new TurnInput(incoming, null, RunTurn: true, Pending: false)), send, cancellationToken);

    /// <summary>
    /// Receives (stores) the activity and runs its turn under the conversation's lock, so that the
    /// log reads question, answer, question, answer even when a client posts several at once.
    /// <paramref name="cancellationToken"/> only cancels waiting for the lock.
    /// </summary>
    public async Task<Activity> ProcessAsync(
        string conversationId, Func<CancellationToken, Task<TurnInput>> receive, Func<Activity, CancellationToken, Task<string>> send, CancellationToken cancellationToken,
        Func<IReadOnlyList<Activity>, Task>? redeliver = null)
    {
        await using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        var input = await receive(CancellationToken.None);
        await RunHoldingLockAsync(input, send, redeliver);
        return input.Activity;
    }

    /// <summary>Runs a received turn; the caller holds the conversation's lock.</summary>
    public async Task RunHoldingLockAsync(TurnInput input, Func<Activity, CancellationToken, Task<string>> send, Func<IReadOnlyList<Activity>, Task>? redeliver = null)
    {
        var conversationId = input.Activity.Conversation!.Id!;
        var answered = input.RunTurn && input.Replay ? await RepliesAsync(conversationId, input.Activity, input.Sequence, CancellationToken.None) : [];
        if (answered.Count > 0 && redeliver is not null)
        {
            await redeliver(answered);
        }
        if (input.RunTurn && answered.Count == 0)
        {
            if (drill.TurnDelay > TimeSpan.Zero && input.Pending)
            {
                await Task.Delay(drill.TurnDelay);
            }
            await RunAsync(input.Activity, send, CancellationToken.None);
        }
        if (input.Pending)
        {
            await store.CompleteTurnAsync(conversationId, input.Activity.Id!, CancellationToken.None);
        }
    }

    /// <summary>
    /// The replies a turn that was interrupted had already stored: replies to the activity in the log
    /// (for a conversation's start, anything from the bot). If there are any, running it again would reply twice.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> RepliesAsync(string conversationId, Activity incoming, int? sequence, CancellationToken cancellationToken)
    {
        var after = await store.GetActivitiesAsync(conversationId, (sequence ?? -1) + 1, cancellationToken);
        return sequence is null && incoming.Type == ActivityTypes.ConversationUpdate
            ? after.Where(a => a.Activity.From?.Role != RoleTypes.User).Select(a => a.Activity).ToList()
            : after.Where(a => a.Activity.ReplyToId == incoming.Id && a.Activity.From?.Role != RoleTypes.User).Select(a => a.Activity).ToList();
    }

    private async Task RunAsync(Activity incoming, Func<Activity, CancellationToken, Task<string>> send, CancellationToken cancellationToken)
    {
        var turn = new TurnContext(incoming, send);
        try
        {
            await bot.OnTurnAsync(turn, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await OnTurnErrorAsync(turn, exception, cancellationToken);
        }
    }

    /// <summary>Log, apologize, offer a guide, and reset the conversation so it cannot get stuck in an error loop.</summary>
    private async Task OnTurnErrorAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        var conversationId = turn.Activity.Conversation!.Id!;
        TurnLog.TurnFailed(logger, exception, conversationId, turn.Activity.Id);
        try
        {
            var language = LanguageCodes.FromCode(turn.Activity.Locale);
            var apology = turn.Activity.CreateReply($"{Messages.TurnError.For(language)} {Messages.ContactCenter.For(language)}") with
            {
                SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(Messages.TalkToGuideButton.For(language))] },
            };
            await turn.SendActivityAsync(apology, cancellationToken);
            await states.DeleteAsync(conversationId, cancellationToken);
        }
        catch (Exception secondary) when (secondary is not OperationCanceledException)
        {
            TurnLog.ErrorHandlerFailed(logger, secondary, conversationId);
        }
    }
}

/// <summary>
/// <c>Diagnostics:TurnDelayMilliseconds</c>: holds every accepted turn this long before it runs, so that a
/// failure drill (or a test) can kill an instance while it has turns in flight and watch them finish
/// elsewhere. Never set it in normal operation.
/// </summary>
internal sealed record TurnDrill(TimeSpan TurnDelay)
{
    public static TurnDrill From(IConfiguration configuration) =>
        new(TimeSpan.FromMilliseconds(configuration.GetValue("Diagnostics:TurnDelayMilliseconds", 0)));
}
