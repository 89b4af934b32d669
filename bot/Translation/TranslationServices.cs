using Knowledge;
using Knowledge.Analysis;

namespace Bot.Translation;

/// <summary>Registration of machine translation: the HTTP backend when <c>Translation:Url</c> is set, else none.</summary>
internal static class TranslationServices
{
    public static IServiceCollection AddMachineTranslation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TranslationOptions>().BindConfiguration(TranslationOptions.SectionName);
        services.AddHttpClient(HttpMachineTranslator.ClientName);
        // Decided when first needed, so that configuration added late (tests, environment) counts.
        services.AddSingleton<IMachineTranslator>(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TranslationOptions>>();
            var url = options.Value.Url;
            if (string.IsNullOrWhiteSpace(url))
            {
                return new NoMachineTranslator();
            }
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"Translation:Url must be an http(s) address of a LibreTranslate-compatible server, not \"{url}\".");
            }
            return ActivatorUtilities.CreateInstance<HttpMachineTranslator>(sp);
        });
        return services;
    }
}

/// <summary>Which of a resident's messages a guide gets a machine translation of.</summary>
internal static class GuideTranslation
{
    /// <summary>The language guides read: Swedish.</summary>
    public const string GuideLanguage = "sv";

    /// <summary>
    /// The language of a resident's message that needs translating for a guide, or null: the message's own
    /// language when the detector is sure of it, else the case's; Swedish, English and easy Swedish need none.
    /// </summary>
    public static string? SourceLanguage(string text, string caseLanguage)
    {
        var detected = LanguageDetector.Identify(text).Language?.Code() ?? caseLanguage;
        return detected is "sv" or "en" or "sv-easy" || !LanguageCodes.IsKnown(detected) ? null : detected;
    }

    public static async Task<MachineTranslation?> ForGuideAsync(IMachineTranslator translator, string text, string caseLanguage, CancellationToken cancellationToken)
    {
        if (!translator.Available || SourceLanguage(text, caseLanguage) is not { } from)
        {
            return null;
        }
        return await translator.TranslateAsync(text, from, GuideLanguage, cancellationToken) is { } translated
            ? new MachineTranslation(translated, from, GuideLanguage)
            : null;
    }
}
