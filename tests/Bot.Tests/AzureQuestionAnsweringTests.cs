using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests;

/// <summary>The Azure AI Language question-answering backend against a fake service on loopback.</summary>
public sealed class AzureQuestionAnsweringTests : IAsyncLifetime
{
    private WebApplication? _fake;
    private readonly ConcurrentQueue<(string Path, string Query, string? Key, JsonElement Body)> _requests = new();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _fake = builder.Build();
        _fake.Run(async context =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            _requests.Enqueue((context.Request.Path, context.Request.QueryString.Value ?? "", context.Request.Headers["Ocp-Apim-Subscription-Key"], body));
            var question = body.GetProperty("question").GetString() ?? "";
            if (question.Contains("trasig", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            object[] answers = question switch
            {
                // A pair exported from our content: shown as the local entry.
                _ when question.Contains("plogar", StringComparison.Ordinal) => [Answer(12, 0.93, "Väghållaren plogar.", new { entry = "snow-who-responsible", topic = "snöröjning" })],
                // A pair of the city's own project.
                _ when question.Contains("hundbajs", StringComparison.Ordinal) => [Answer(40, 0.81, "Släng påsen i närmaste papperskorg.", new { category = "avfall" }, "https://goteborg.se/hund")],
                // Two middling answers: our clarify band.
                _ when question.Contains("kort", StringComparison.Ordinal) =>
                    [Answer(50, 0.55, "Lånekort får du på biblioteket.", new { }), Answer(51, 0.45, "Parkeringskort söker du i e-tjänsten.", new { })],
                _ => [new { questions = Array.Empty<string>(), answer = "No good match found in KB.", confidenceScore = 0.0, id = -1, metadata = new { } }],
            };
            await context.Response.WriteAsJsonAsync(new { answers });
        });
        await _fake.StartAsync();
    }

    private static object Answer(int id, double score, string text, object metadata, string source = "Editorial") => new
    {
        questions = new[] { "Fråga " + id },
        answer = text,
        confidenceScore = score,
        id,
        source,
        metadata,
        dialog = new { isContextOnly = false, prompts = Array.Empty<object>() },
    };

    public async ValueTask DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task AzureBackend_AnswersThroughTheSameBands_AndTheEmbeddedIndexTakesOverWhenItFails()
    {
        var endpoint = _fake!.Urls.Single() + "/";
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["AzureQuestionAnswering:Endpoint"] = endpoint,
            ["AzureQuestionAnswering:Key"] = "test-key",
            ["AzureQuestionAnswering:Project"] = "stadsbot",
            ["AzureQuestionAnswering:Deployment"] = "production",
        });
        var chat = await app.StartChatAsync();

        Assert.Equal(("answer", "snow-who-responsible"), await KnowledgeOpsTests.AskAsync(chat, "Vem plogar min gata?"));
        Assert.Equal(("answer", "qna-40"), await KnowledgeOpsTests.AskAsync(chat, "Var slänger jag hundbajs?"));
        var (activities, _) = await chat.GetActivitiesAsync();
        Assert.Contains(activities, a => a.Text?.StartsWith("Släng påsen i närmaste papperskorg.", StringComparison.Ordinal) == true && a.Text.Contains("https://goteborg.se/hund", StringComparison.Ordinal));
        Assert.Equal(("clarify", null), await KnowledgeOpsTests.AskAsync(chat, "Hur får jag ett kort?"));
        Assert.Equal(("fallback", null), await KnowledgeOpsTests.AskAsync(chat, "Vad tycker du om jazz?"));
        Assert.Equal("answer", (await KnowledgeOpsTests.AskAsync(chat, "Vem ansvarar för snöröjningen på en väg? (trasig)")).Outcome);

        var request = _requests.First();
        Assert.Equal("/language/:query-knowledgebases", request.Path);
        Assert.Contains("projectName=stadsbot", request.Query, StringComparison.Ordinal);
        Assert.Contains("deploymentName=production", request.Query, StringComparison.Ordinal);
        Assert.Contains("api-version=2021-10-01", request.Query, StringComparison.Ordinal);
        Assert.Equal("test-key", request.Key);
        Assert.Equal("Vem plogar min gata?", request.Body.GetProperty("question").GetString());
        Assert.Contains(app.LogLines, l => l.Contains("Azure question answering returned 500", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.4, 0.3)]
    [InlineData(0.55, 0.45)]
    [InlineData(0.7, 0.6)]
    [InlineData(1.0, 1.0)]
    public void ConfidenceScore_IsMappedIntoOurBands(double azure, double ours)
    {
        var options = new Bot.KnowledgeOps.AzureQuestionAnsweringOptions(new Uri("http://localhost/"), "k", "p", "d", 0.7, 0.4, TimeSpan.FromSeconds(1), "https://goteborg.se/");
        var source = new Bot.KnowledgeOps.AzureQuestionAnsweringSource(new HttpClient(), options, null!, new Dialogs.Main.BotOptions(), null!);

        Assert.Equal(ours, source.Map(azure), precision: 6);
    }
}
