namespace Bot.Translation;

/// <summary>Settings of machine translation for guides (configuration section "Translation").</summary>
internal sealed record TranslationOptions
{
    public const string SectionName = "Translation";

    /// <summary>
    /// The base address of a LibreTranslate-compatible server (POST {Url}/translate with q, source, target,
    /// format; answers translatedText), e.g. http://localhost:5000. Empty: no machine translation.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>The server's API key, when it needs one (sent as api_key).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Seconds to wait for one translation before showing the message untranslated.</summary>
    public int TimeoutSeconds { get; init; } = 10;
}
