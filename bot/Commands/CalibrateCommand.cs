using System.Globalization;
using System.Text.Json;
using Knowledge;
using Knowledge.Analysis;
using Knowledge.Search;

namespace Bot.Commands;

/// <summary>
/// <c>dotnet run --project bot -- knowledge calibrate FILE.jsonl</c>: fits the confidence model
/// (logistic regression on the retrieval signals) to a labelled question set whose cases name the
/// entry that answers them (<c>"entry"</c>) or are out of scope (<c>"kind": "decline"</c>), and
/// prints the weights with the accuracy each threshold would give. The weights are then copied into
/// <see cref="ConfidenceModel"/>: a reviewed code change, not a silent retraining.
/// </summary>
internal static class CalibrateCommand
{
    private sealed record Sample(double[] X, bool Correct, string Id);

    public static int Run(string[] args)
    {
        var file = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(CommandConfiguration.ResolveFile).FirstOrDefault();
        if (file is null)
        {
            Console.Error.WriteLine("Usage: dotnet run --project bot -- knowledge calibrate FILE.jsonl");
            return 2;
        }
        var (_, knowledge) = CommandConfiguration.OpenKnowledge(args);
        if (knowledge is null)
        {
            return 1;
        }
        var samples = new List<Sample>();
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            var json = JsonDocument.Parse(line).RootElement;
            var kind = json.GetProperty("kind").GetString();
            var expected = json.TryGetProperty("entry", out var e) ? e.GetString() : null;
            if (kind is not ("answer" or "refer" or "decline") || (kind != "decline" && expected is null))
            {
                continue;
            }
            var text = json.GetProperty("text").GetString()!;
            var result = knowledge.Current.Search(text, LanguageDetector.Detect(text));
            if (result.Top is null || result.Features.ExactMatch)
            {
                continue;
            }
            samples.Add(new Sample(Features(result.Features), kind != "decline" && result.Top.Entry.Id == expected, json.GetProperty("id").GetString()!));
        }
        var weights = Fit(samples);
        Console.WriteLine($"{samples.Count} cases, {samples.Count(s => s.Correct)} with the right entry first");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"weights: coverage {weights[0]:0.00}, reverse {weights[1]:0.00}, margin {weights[2]:0.00}, unknown {weights[3]:0.00}, topic {weights[4]:0.00}, bias {weights[5]:0.00}"));
        Console.WriteLine($"{"threshold",9} {"answered",8} {"right",6} {"wrong",6} {"precision",9}");
        foreach (var threshold in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 })
        {
            var answered = samples.Where(s => Predict(weights, s.X) >= threshold).ToList();
            var right = answered.Count(s => s.Correct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{threshold,9:0.0} {answered.Count,8} {right,6} {answered.Count - right,6} {(answered.Count == 0 ? 0 : 100.0 * right / answered.Count),8:0.0}%"));
        }
        return 0;
    }

    private static double[] Features(SearchFeatures f) =>
        [f.Coverage, f.ReverseCoverage, f.Margin * f.Coverage, f.OutOfVocabulary, f.TopicTermMatched ? 1 : 0, 1];

    private static double Predict(double[] w, double[] x) => 1 / (1 + Math.Exp(-w.Zip(x).Sum(p => p.First * p.Second)));

    /// <summary>Batch gradient descent on the log loss with a little L2 regularisation.</summary>
    private static double[] Fit(List<Sample> samples)
    {
        var w = new double[6];
        const double rate = 0.5, l2 = 0.001;
        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            var gradient = new double[w.Length];
            foreach (var s in samples)
            {
                var error = Predict(w, s.X) - (s.Correct ? 1 : 0);
                for (var i = 0; i < w.Length; i++)
                {
                    gradient[i] += error * s.X[i];
                }
            }
            for (var i = 0; i < w.Length; i++)
            {
                w[i] -= rate * ((gradient[i] / samples.Count) + (i < w.Length - 1 ? l2 * w[i] : 0));
            }
        }
        return w;
    }
}
