namespace Knowledge.Search;

/// <summary>
/// Where the bot's answers come from: the embedded Lucene index (the default) or a remote
/// question-answering service. Either way the result carries a confidence in our own bands
/// (answer ≥ Bot:AnswerThreshold, clarify ≥ Bot:ClarifyThreshold).
/// </summary>
public interface IAnswerSource
{
    /// <summary>The local knowledge (topics, groups, follow-ups) the answers are shown with.</summary>
    KnowledgeBase Knowledge { get; }

    ValueTask<SearchResult> SearchAsync(string text, Language language, CancellationToken cancellationToken);
}
