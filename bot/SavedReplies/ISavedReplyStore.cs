namespace Bot.SavedReplies;

/// <summary>Saved replies (SQLite by default).</summary>
internal interface ISavedReplyStore
{
    Task<IReadOnlyList<SavedReply>> ListAsync(CancellationToken cancellationToken);

    Task<SavedReply?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the reply with its id.</summary>
    Task SaveAsync(SavedReply reply, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
