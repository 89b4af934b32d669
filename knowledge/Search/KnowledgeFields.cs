namespace Knowledge.Search;

/// <summary>Field names of the Lucene index. One document per question variant, one per answer.</summary>
internal static class KnowledgeFields
{
    public const string EntryId = "id";
    public const string Kind = "kind";
    public const string Text = "text";
    /// <summary>Swedish question, lemmatized, decompounded, with synonyms.</summary>
    public const string Question = "q";
    /// <summary>The same with å/ä/ö folded, for residents without a Swedish keyboard.</summary>
    public const string Folded = "qf";
    /// <summary>Character 3-grams, for typos and unknown compounds.</summary>
    public const string Grams = "ng";
    /// <summary>English question.</summary>
    public const string English = "en";
    /// <summary>Swedish answer text (low weight).</summary>
    public const string Answer = "a";
    /// <summary>English answer text (low weight).</summary>
    public const string AnswerEnglish = "ae";

    public const string KindSwedish = "sv";
    public const string KindEnglish = "en";
    public const string KindAnswer = "answer";
}
