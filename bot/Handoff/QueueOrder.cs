using Bot.Guides;

namespace Bot.Handoff;

/// <summary>
/// The order a guide sees the queue in: cases in a language the guide speaks besides Swedish and English
/// (Guides:Accounts:N:Languages) first, since few guides can take them; otherwise oldest first. A guide
/// without such languages sees the plain order.
/// </summary>
internal static class QueueOrder
{
    public static IReadOnlyList<Case> ForGuide(IReadOnlyList<Case> cases, GuideAccount? guide)
    {
        if (guide?.Languages is not { Count: > 0 } languages)
        {
            return cases;
        }
        // OrderBy is stable: within each part the store's order (oldest first) stays.
        return cases.OrderBy(c => c.Status == CaseStatus.Queued && languages.Contains(c.Language, StringComparer.Ordinal) ? 0 : 1).ToList();
    }
}
