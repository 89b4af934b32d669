namespace Bot.Turns;

/// <summary>
/// Whether a guide can still write to a resident on a channel with a messaging window (Messenger):
/// <see cref="ReplyWindowStates"/>, and until when the current state lasts.
/// </summary>
internal sealed record ReplyWindow(string State, DateTimeOffset Until);

/// <summary>Values of <see cref="ReplyWindow.State"/>.</summary>
internal static class ReplyWindowStates
{
    /// <summary>Anyone, the bot included, can reply.</summary>
    public const string Open = "open";
    /// <summary>Only a person can reply (Messenger's HUMAN_AGENT tag).</summary>
    public const string HumanAgent = "human_agent";
    /// <summary>Nobody can reply on this channel until the resident writes again.</summary>
    public const string Closed = "closed";
}

/// <summary>The reply window of conversations on one channel.</summary>
internal interface IReplyWindowSource
{
    string ChannelId { get; }

    Task<ReplyWindow?> GetAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>Reply windows of all channels that have one; null for channels without a window (the web chat).</summary>
internal sealed class ReplyWindows(IEnumerable<IReplyWindowSource> sources)
{
    private readonly Dictionary<string, IReplyWindowSource> _byChannel = sources.ToDictionary(s => s.ChannelId, StringComparer.OrdinalIgnoreCase);

    public Task<ReplyWindow?> GetAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        _byChannel.TryGetValue(channelId, out var source) ? source.GetAsync(conversationId, cancellationToken) : Task.FromResult<ReplyWindow?>(null);
}
