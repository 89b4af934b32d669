namespace Knowledge.Search;

/// <summary>
/// Turns retrieval signals into a probability-like confidence in [0,1]. Raw BM25 scores are not
/// comparable between questions; the idf-weighted share of the question that the best matching
/// variant covers (and the share of that variant the question covers) are. A logistic function
/// keeps the result in [0,1]; the weights were set on the sample question set, never per question.
/// </summary>
public static class ConfidenceModel
{
    public const double CoverageWeight = 5.0;
    public const double ReverseCoverageWeight = 2.0;
    public const double MarginWeight = 1.5;
    public const double Bias = -4.6;

    /// <summary>How well one candidate matches, ignoring the others.</summary>
    public static double Match(double coverage, double reverseCoverage) =>
        Sigmoid((CoverageWeight * coverage) + (ReverseCoverageWeight * reverseCoverage) + Bias + (MarginWeight * 0.5));

    /// <summary>Confidence that the top candidate is the answer, given its lead over the next one.</summary>
    public static double Confidence(SearchFeatures f)
    {
        if (f.ExactMatch)
        {
            return 1.0;
        }
        var x = (CoverageWeight * f.Coverage) + (ReverseCoverageWeight * f.ReverseCoverage) + (MarginWeight * f.Margin) + Bias;
        var p = Sigmoid(x);
        // A match on generic words only ("öppet", "kostar") is not evidence of the topic.
        return f.TopicTermMatched ? p : Math.Min(p, 0.25);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
