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

    /// <summary>A translated question (Finnish, Arabic, Persian, Somali), analysed for its language: q_fi, q_ar …</summary>
    public static string QuestionIn(Language language) => "q_" + language.Code();

    /// <summary>A translated answer (low weight): a_fi, a_ar …</summary>
    public static string AnswerIn(Language language) => "a_" + language.Code();

    public const string KindSwedish = "sv";
    public const string KindEnglish = "en";
    public const string KindAnswer = "answer";
}
