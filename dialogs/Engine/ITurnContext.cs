using Dialogs.Protocol;

namespace Dialogs.Engine;

/// <summary>One turn of a conversation: the incoming activity and a way to reply (as in Bot Framework).</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Sends an activity to the conversation and returns the id the channel gave it.</summary>
    Task<string> SendActivityAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Activities sent during this turn, in order.</summary>
    IReadOnlyList<Activity> Responses { get; }
}
