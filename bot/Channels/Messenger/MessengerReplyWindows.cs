using Bot.Turns;

namespace Bot.Channels.Messenger;

/// <summary>
/// Messenger's messaging window, counted from the resident's last message: any reply within 24
/// hours, a person's reply with the HUMAN_AGENT tag within 7 days, nothing after that.
/// </summary>
internal sealed class MessengerReplyWindows(IMessengerInbox inbox, TimeProvider clock) : IReplyWindowSource
{
    public static readonly TimeSpan Standard = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgent = TimeSpan.FromDays(7);

    public string ChannelId => MessengerChannel.ChannelId;

    public async Task<ReplyWindow?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = await inbox.LastResidentMessageAsync(conversationId, cancellationToken) switch
        {
            null => new ReplyWindow(ReplyWindowStates.Closed, now),
            { } last when now < last + Standard => new ReplyWindow(ReplyWindowStates.Open, last + Standard),
            { } last when now < last + HumanAgent => new ReplyWindow(ReplyWindowStates.HumanAgent, last + HumanAgent),
            { } last => new ReplyWindow(ReplyWindowStates.Closed, last + HumanAgent),
        };
        return window;
    }
}
