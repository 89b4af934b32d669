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

    /// <summary>A new case: consoles of guides in its group may play a sound or show a desktop notification.</summary>
    public Task CaseCreatedAsync(string caseId, string group, string status, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync("caseCreated", new { caseId, group, status }, cancellationToken);

    /// <summary>A case was handed to a named guide: their console tells them.</summary>
    public Task CaseAssignedAsync(string caseId, string guide, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync("caseAssigned", new { caseId, guide }, cancellationToken);

    public Task ResidentTypingAsync(string caseId, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync("residentTyping", caseId, cancellationToken);
}
