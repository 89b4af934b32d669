namespace Bot.Handoff;

/// <summary>Handoff cases and their history. SQLite by default.</summary>
internal interface ICaseStore
{
    Task<string> NextIdAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task CreateAsync(Case item, CancellationToken cancellationToken);

    Task<Case?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Case>> ListAsync(string? status, CancellationToken cancellationToken);

    Task<Case?> OpenCaseOfConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Every case of a conversation, oldest first.</summary>
    Task<IReadOnlyList<Case>> OfConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Cases matching a search (the closed-case history): by status, by creation time, and by a text that
    /// is a case id, a reference or words in the summary; newest first, at most <see cref="CaseSearch.Limit"/>.
    /// </summary>
    Task<IReadOnlyList<Case>> SearchAsync(CaseSearch search, CancellationToken cancellationToken);

    Task UpdateAsync(Case item, CancellationToken cancellationToken);

    Task AddEventAsync(string caseId, CaseEvent item, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseEvent>> EventsAsync(string caseId, CancellationToken cancellationToken);
}

/// <summary>What the case history is searched for; null fields do not filter.</summary>
internal sealed record CaseSearch(string? Status, string? Text, DateTimeOffset? From, DateTimeOffset? To, int Limit = 50);
