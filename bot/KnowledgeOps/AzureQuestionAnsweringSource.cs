using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dialogs.Main;
using Knowledge;
using Knowledge.Exchange;
using Knowledge.Search;

namespace Bot.KnowledgeOps;

/// <summary>
/// Answers from Azure AI Language question answering over its REST API
/// (`POST {Endpoint}/language/:query-knowledgebases?projectName=&amp;deploymentName=&amp;api-version=2021-10-01`).
/// Its confidence score is mapped piecewise-linearly into our bands: AnswerScore → Bot:AnswerThreshold,
/// ClarifyScore → Bot:ClarifyThreshold. A pair exported from our content (metadata `entry`) is shown as
/// that local entry, with its follow-ups and English answer. When the service fails, the embedded index answers.
/// </summary>
internal sealed class AzureQuestionAnsweringSource(
    HttpClient http, AzureQuestionAnsweringOptions options, KnowledgeProvider local, BotOptions bands, ILogger<AzureQuestionAnsweringSource> logger) : IAnswerSource
{
    private const int Top = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public KnowledgeBase Knowledge => local.Current.Knowledge;

    public async ValueTask<SearchResult> SearchAsync(string text, Language language, CancellationToken cancellationToken)
    {
        var address = new Uri(options.Endpoint, "language/:query-knowledgebases"
            + $"?projectName={Uri.EscapeDataString(options.Project)}&deploymentName={Uri.EscapeDataString(options.Deployment)}&api-version={AzureQuestionAnsweringOptions.ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = JsonContent.Create(new { question = text, top = Top, confidenceScoreThreshold = 0.0 }, options: Json),
        };
        request.Headers.Add("Ocp-Apim-Subscription-Key", options.Key);
        AnswersResult? result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Azure question answering returned {Status}; the embedded index answers instead", (int)response.StatusCode);
                return local.Current.Search(text, language);
            }
            result = await response.Content.ReadFromJsonAsync<AnswersResult>(Json, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Azure question answering failed ({Error}); the embedded index answers instead", e.GetType().Name);
            return local.Current.Search(text, language);
        }
        return ToResult(result?.Answers ?? []);
    }

    private SearchResult ToResult(IReadOnlyList<AzureAnswer> answers)
    {
        var candidates = answers
            .Where(a => a.Id >= 0 && !string.IsNullOrWhiteSpace(a.Answer))
            .OrderByDescending(a => a.ConfidenceScore)
            .Select(a => new Candidate(EntryFor(a), a.ConfidenceScore, Map(a.ConfidenceScore), a.Questions?.FirstOrDefault() ?? ""))
            .ToList();
        if (candidates.Count == 0)
        {
            return SearchResult.Empty;
        }
        var top = candidates[0].Match;
        var margin = candidates.Count > 1 ? top - candidates[1].Match : top;
        var features = new SearchFeatures(candidates[0].Score, candidates[0].Score, margin, 0, true, candidates[0].Score >= 0.99);
        return new SearchResult(candidates, top, features);
    }

    /// <summary>Azure's score in our bands: [0, clarify] → [0, ClarifyThreshold], [clarify, answer] → [ClarifyThreshold, AnswerThreshold], [answer, 1] → [AnswerThreshold, 1].</summary>
    public double Map(double score)
    {
        score = Math.Clamp(score, 0, 1);
        return score < options.ClarifyScore ? Scale(score, 0, options.ClarifyScore, 0, bands.ClarifyThreshold)
            : score < options.AnswerScore ? Scale(score, options.ClarifyScore, options.AnswerScore, bands.ClarifyThreshold, bands.AnswerThreshold)
            : Scale(score, options.AnswerScore, 1, bands.AnswerThreshold, 1);
    }

    private static double Scale(double x, double x0, double x1, double y0, double y1) => y0 + (x - x0) * (y1 - y0) / (x1 - x0);

    private KnowledgeEntry EntryFor(AzureAnswer answer)
    {
        if (answer.Metadata?.GetValueOrDefault(QnaConverter.EntryKey) is { } id && local.Current.Knowledge.Find(id) is { } known)
        {
            return known;
        }
        var topic = answer.Metadata?.GetValueOrDefault(QnaConverter.TopicKey) ?? answer.Metadata?.GetValueOrDefault("category") ?? "";
        return new KnowledgeEntry
        {
            Id = "qna-" + answer.Id,
            Topic = local.Current.Knowledge.FindTopic(topic)?.Name ?? topic,
            Question = answer.Questions?.FirstOrDefault() ?? "",
            // One language per project: English residents get the same text (LocalizedText falls back to it).
            Answer = new LocalizedText(answer.Answer!, ""),
            Source = Uri.TryCreate(answer.Source, UriKind.Absolute, out var source) && source.Scheme is "https" or "http" ? answer.Source! : options.DefaultSource,
            Location = new SourceLocation(options.Project, answer.Id),
        };
    }

    private sealed record AnswersResult(IReadOnlyList<AzureAnswer>? Answers);

    private sealed record AzureAnswer(
        IReadOnlyList<string>? Questions,
        string? Answer,
        double ConfidenceScore,
        int Id,
        string? Source,
        [property: JsonPropertyName("metadata")] Dictionary<string, string>? Metadata);
}
