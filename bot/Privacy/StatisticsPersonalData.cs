using Bot.Statistics;

namespace Bot.Privacy;

/// <summary>
/// The statistics turn log: texts are removed and rows unlinked from the conversation (the counts
/// stay). Registered first, so that the case facts the statistics need are copied before cases go.
/// </summary>
internal sealed class StatisticsPersonalData(IStatisticsStore store, TimeProvider clock) : IPersonalDataStore
{
    public string Name => "statistics";

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await store.RefreshCaseFactsAsync(clock.GetUtcNow(), cancellationToken);
        return await store.AnonymizeAsync(await store.ConversationsEndedBeforeAsync(cutoff, cancellationToken), cancellationToken);
    }

    public async Task<int> EraseConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await store.RefreshCaseFactsAsync(clock.GetUtcNow(), cancellationToken);
        return await store.AnonymizeAsync([conversationId], cancellationToken);
    }

    public async Task<object?> ExportConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var turns = await store.OfConversationAsync(conversationId, cancellationToken);
        return turns.Count == 0 ? null : turns.Select(t => new { t.At, t.Channel, t.Question, t.Outcome, t.AnswerId, t.Confidence, t.Language, t.Feedback, t.Verdict }).ToList();
    }
}
