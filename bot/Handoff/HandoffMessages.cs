using Knowledge;

namespace Bot.Handoff;

/// <summary>
/// What the handoff tells the resident (klarspråk). Swedish and English here; the other languages in
/// content/messages.yaml under "HandoffMessages.&lt;field&gt;". The class registers itself with
/// <see cref="MessageCatalog"/> when first used.
/// </summary>
internal static class HandoffMessages
{
    static HandoffMessages() => MessageCatalog.Register(typeof(HandoffMessages));

    /// <summary>A guide's first message. {0}: the guide's name.</summary>
    public static readonly LocalizedText Greeting = new(
        "Hej, jag heter {0} och är servicevägledare på Göteborgs Stad. Jag har läst ditt samtal med chattboten.",
        "Hi, my name is {0} and I'm a service guide at the City of Gothenburg. I have read your conversation with the chatbot.");

    /// <summary>{0}: the guide who takes over.</summary>
    public static readonly LocalizedText TransferredToGuide = new(
        "Vägledaren {0} tar över chatten och ser allt du har skrivit.",
        "{0}, another service guide, will continue the chat with you. They can see everything you have written.");

    /// <summary>{0}: the group the case was moved to.</summary>
    public static readonly LocalizedText TransferredToGroup = new(
        "Din fråga har skickats vidare till en annan grupp vägledare ({0}). Vänta lite till, så svarar de.",
        "Your question has been passed on to another group of service guides ({0}). Please wait a little longer.");

    public static readonly LocalizedText Released = new(
        "Vägledaren tappade anslutningen. Du står i kön igen och nästa lediga vägledare tar över.",
        "The service guide lost the connection. You are back in the queue and the next free guide will continue.");

    /// <summary>Nobody claimed the case in time. {0}: the day by which a guide replies ("torsdag den 3 december").</summary>
    public static readonly LocalizedText AllBusy = new(
        "Tyvärr är alla vägledare upptagna. Skriv din fråga och hur vi kan nå dig (e-post eller telefon), så svarar en vägledare senast {0}. Du kan också ringa 031-365 00 00.",
        "Sorry, all service guides are busy. Write your question and how we can reach you (e-mail or phone), and a guide will reply by {0}. You can also call +46 31-365 00 00.");

    public static readonly LocalizedText RatingPrompt = new(
        "Vägledaren har avslutat chatten och jag, chattboten, svarar igen. Hur nöjd är du med hjälpen du fick? Svara 1 (inte alls) till 5 (mycket).",
        "The service guide has finished the chat and I, the chatbot, am back. How satisfied are you with the help you got? Answer 1 (not at all) to 5 (very).");

    public static readonly LocalizedText ChatEnded = new(
        "Chatten är avslutad. Tack för att du kontaktade Göteborgs Stad.",
        "The chat has ended. Thank you for contacting the City of Gothenburg.");

    /// <summary>Makes sure the messages are registered (their translations apply) before any is read.</summary>
    public static void Register() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(HandoffMessages).TypeHandle);
}
