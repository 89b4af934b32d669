namespace Dialogs.Engine;

/// <summary>The bot: handles one turn at a time (Bot Framework's IBot).</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
