using Dialogs.Engine;
using Dialogs.Main;
using Dialogs.Protocol;
using Knowledge;

namespace Bot.Turns;

/// <summary>
/// Runs one turn for an incoming activity: one turn at a time per conversation, replies sent
/// through the channel that the activity came from, and the turn error handler around it.
/// </summary>
internal sealed class TurnProcessor(IBot bot, IConversationStateStore states, ConversationLocks locks, ILogger<TurnProcessor> logger)
{
    public Task ProcessAsync(Activity incoming, Func<Activity, CancellationToken, Task<string>> send, CancellationToken cancellationToken) =>
        ProcessAsync(incoming.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation.", nameof(incoming)),
            _ => Task.FromResult(incoming), send, cancellationToken);

    /// <summary>
    /// Receives (stores) the activity and runs its turn under the conversation's lock, so that the
    /// log reads question, answer, question, answer even when a client posts several at once.
    /// </summary>
    public async Task<Activity> ProcessAsync(
        string conversationId, Func<CancellationToken, Task<Activity>> receive, Func<Activity, CancellationToken, Task<string>> send, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        var incoming = await receive(cancellationToken);
        await RunAsync(incoming, send, cancellationToken);
        return incoming;
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
