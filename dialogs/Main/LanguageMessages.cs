using Knowledge;

namespace Dialogs.Main;

/// <summary>What the bot says about languages; the other languages' texts are in content/messages.yaml.</summary>
public static class LanguageMessages
{
    /// <summary>The language's own name, in that language.</summary>
    public static readonly LocalizedText Name = new("Svenska", "English");

    /// <summary>Under an answer that is an unreviewed translation. {0}: the Swedish source page.</summary>
    public static readonly LocalizedText TranslationNote = new(
        "Svaret är översatt och inte granskat ännu. [Läs originalet på svenska]({0}).",
        "This answer is a translation that has not been reviewed yet. [Read the Swedish original]({0}).");

    /// <summary>Handed over, but no guide who speaks the resident's language is free.</summary>
    public static readonly LocalizedText GuideLanguage = new(
        "Ingen servicevägledare som talar ditt språk är ledig just nu. En vägledare svarar dig på svenska eller engelska, eller med tolk om du ringer 031-365 00 00.",
        "No service guide who speaks your language is available right now. A guide will answer you in Swedish or English, or with an interpreter if you call +46 31-365 00 00.");

    public static readonly LocalizedText Switched = new(
        "Nu skriver jag på svenska. Vad vill du fråga?",
        "I will write in English now. What would you like to ask?");

    public static readonly LocalizedText ChooseLanguage = new("Välj språk", "Choose language");

    /// <summary>A message in a language the bot does not serve: always in Swedish and English together.</summary>
    public const string Unsupported =
        "Jag kan tyvärr inte svara på det språket. Jag kan svara på svenska, engelska, finska, arabiska, persiska och somaliska, och på lättläst svenska. " +
        "Kontaktcenter på 031-365 00 00 kan hjälpa dig på fler språk, eller med tolk. Är någon i fara: ring 112.\n\n" +
        "Sorry, I cannot answer in that language. I can answer in Swedish, English, Finnish, Arabic, Persian and Somali, and in easy Swedish. " +
        "The contact centre on +46 31-365 00 00 can help you in more languages, or with an interpreter. If someone is in danger: call 112.";
}
