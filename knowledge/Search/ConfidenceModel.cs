namespace Knowledge.Search;

/// <summary>
/// Turns retrieval signals into a probability-like confidence in [0,1]. Raw BM25 scores are not
/// comparable between questions; the idf-weighted share of the question that the entry explains,
/// the share of the matched variant that the question covers, the lead over the next entry (which
/// only counts as far as the entry explains the question: a clear lead among weak matches is no evidence), the
/// share of unknown words and whether a topic word matched are. The weights are a logistic
/// regression fitted with `knowledge calibrate` on tests/Knowledge.Tests/TestData/paraphrases.jsonl
/// (our own labelled paraphrases, never the eval set).
/// </summary>
public static class ConfidenceModel
{
    public const double CoverageWeight = 3.84;
    public const double ReverseCoverageWeight = 1.41;
    public const double MarginWeight = 6.49;
    public const double UnknownWordsWeight = -0.31;
    public const double TopicWordWeight = 0.91;
    public const double Bias = -3.51;

    /// <summary>
    /// A match on generic words only ("öppet", "kostar") is never enough to answer, nor is a question
    /// about another municipality.
    /// </summary>
    public const double NoTopicWordCap = 0.45;

    /// <summary>How well one candidate matches on its own (an average lead over the others assumed).</summary>
    public static double Match(double coverage, double reverseCoverage) =>
        Sigmoid((CoverageWeight * coverage) + (ReverseCoverageWeight * reverseCoverage) + (MarginWeight * 0.2 * coverage) + TopicWordWeight + Bias);

    /// <summary>Confidence that the top candidate is the answer.</summary>
    public static double Confidence(SearchFeatures f)
    {
        if (f.ExactMatch)
        {
            return 1.0;
        }
        var x = (CoverageWeight * f.Coverage) + (ReverseCoverageWeight * f.ReverseCoverage) + (MarginWeight * f.Margin * f.Coverage)
            + (UnknownWordsWeight * f.OutOfVocabulary) + (f.TopicTermMatched ? TopicWordWeight : 0) + Bias;
        var p = Sigmoid(x);
        return f.TopicTermMatched && f.OtherMunicipality is null ? p : Math.Min(p, NoTopicWordCap);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
