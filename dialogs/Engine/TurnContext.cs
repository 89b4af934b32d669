using Dialogs.Protocol;

namespace Dialogs.Engine;

/// <summary>A turn whose replies are handed to the channel through <paramref name="send"/>.</summary>
public sealed class TurnContext(Activity activity, Func<Activity, CancellationToken, Task<string>> send) : ITurnContext
{
    private readonly List<Activity> _responses = [];

    public Activity Activity { get; } = activity;

    public IReadOnlyList<Activity> Responses => _responses;

    public async Task<string> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var id = await send(activity, cancellationToken);
        _responses.Add(activity with { Id = id });
        return id;
    }
}
