namespace Bot.Privacy;

/// <summary>
/// A store that holds residents' words or identifiers. The retention job, erasure and export go
/// through every registered store, in registration order; a new store of personal data (fault
/// reports, uploads, …) registers one of these with <c>services.AddSingleton&lt;IPersonalDataStore, …&gt;()</c>.
/// </summary>
internal interface IPersonalDataStore
{
    /// <summary>Name of the part in an export and in the retention log.</summary>
    string Name { get; }

    /// <summary>Deletes (or anonymizes) what was last touched before <paramref name="cutoff"/>; returns how many items.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Deletes (or anonymizes) everything of one conversation; returns how many items.</summary>
    Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Everything this store holds about one conversation, or null when it holds nothing.</summary>
    Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken);
}
