using Microsoft.AspNetCore.SignalR;

namespace Bot.Handoff;

/// <summary>Pushes queue and case changes to every open guide console (SignalR).</summary>
internal sealed class GuideNotifier(IHubContext<GuideHub> hub)
{
    public Task QueueChangedAsync(CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync("queueChanged", cancellationToken);

    public Task CaseUpdatedAsync(string caseId, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync("caseUpdated", caseId, cancellationToken);

    public Task ResidentMessageAsync(string caseId, object message, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync("residentMessage", caseId, message, cancellationToken);

    public Task ResidentTypingAsync(string caseId, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync("residentTyping", caseId, cancellationToken);
}
