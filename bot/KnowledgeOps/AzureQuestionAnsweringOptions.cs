using System.Globalization;

namespace Bot.KnowledgeOps;

/// <summary>
/// `AzureQuestionAnswering:*`: answer from an Azure AI Language question-answering project instead of
/// the embedded index. On when Endpoint, Key and Project are set.
/// </summary>
internal sealed record AzureQuestionAnsweringOptions(
    Uri Endpoint,
    string Key,
    string Project,
    string Deployment,
    double AnswerScore,
    double ClarifyScore,
    TimeSpan Timeout,
    string DefaultSource)
{
    public const string SectionName = "AzureQuestionAnswering";
    public const string ApiVersion = "2021-10-01";

    public static AzureQuestionAnsweringOptions? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        if (section["Endpoint"] is not { Length: > 0 } endpoint || section["Key"] is not { Length: > 0 } key || section["Project"] is not { Length: > 0 } project)
        {
            return null;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException("AzureQuestionAnswering:Endpoint must be a full address, e.g. https://<resource>.cognitiveservices.azure.com/");
        }
        var answer = Number(section["AnswerScore"], 0.7);
        var clarify = Number(section["ClarifyScore"], 0.4);
        if (!(0 < clarify && clarify < answer && answer < 1))
        {
            throw new InvalidOperationException("AzureQuestionAnswering: need 0 < ClarifyScore < AnswerScore < 1.");
        }
        return new AzureQuestionAnsweringOptions(uri, key, project, section["Deployment"] is { Length: > 0 } deployment ? deployment : "production",
            answer, clarify, TimeSpan.FromSeconds(Number(section["TimeoutSeconds"], 5)),
            section["DefaultSource"] is { Length: > 0 } source ? source : "https://goteborg.se/");
    }

    private static double Number(string? text, double fallback) =>
        text is { Length: > 0 } ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
