using Knowledge;

namespace Dialogs.Learning;

/// <summary>What the bot says around the resident's "did it help?" verdict on an answer.</summary>
public static class FeedbackMessages
{
    public static readonly LocalizedText Question = new("Hjälpte svaret?", "Did this answer help?");

    public static readonly LocalizedText HelpfulButton = new("Ja, tack", "Yes, thanks");

    public static readonly LocalizedText NotHelpfulButton = new("Nej", "No");

    public static readonly LocalizedText Thanks = new(
        "Vad bra! Fråga gärna igen om du undrar över något mer.",
        "Good! Just ask if there is anything else.");

    public static readonly LocalizedText OtherOptions = new(
        "Tack för att du säger till. Menade du kanske något av det här?",
        "Thank you for telling me. Did you perhaps mean one of these?");

    public static readonly LocalizedText Sorry = new(
        "Förlåt att svaret inte hjälpte.",
        "I'm sorry the answer did not help.");
}
