namespace Bot.Handoff;

/// <summary>Handoff cases and their history. SQLite by default.</summary>
internal interface ICaseStore
{
    Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task CreateAsync(Case item, CancellationToken cancellationToken);

    Task<Case?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Case>> ListAsync(string? status, CancellationToken cancellationToken);

    Task<Case?> OpenCaseOfConversationAsync(string conversationId, CancellationToken cancellationToken);

    Task UpdateAsync(Case item, CancellationToken cancellationToken);

    Task AddEventAsync(string caseId, CaseEvent item, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseEvent>> EventsAsync(string caseId, CancellationToken cancellationToken);
}
