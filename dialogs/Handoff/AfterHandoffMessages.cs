using Knowledge;

namespace Dialogs.Handoff;

/// <summary>
/// What the bot says to a resident who waits for a service guide or has left a message, so that no
/// message goes unanswered: {0} is the position in the queue or the case reference, {1} the reply date.
/// </summary>
public static class AfterHandoffMessages
{
    public static readonly LocalizedText ContinueWithBotButton = new("Fortsätt med chattboten", "Continue with the chatbot");

    public static readonly LocalizedText LeaveQueueButton = new("Lämna kön", "Leave the queue");

    public static readonly LocalizedText NextWorkingDay = new("nästa vardag", "the next working day");

    public static readonly LocalizedText StillQueued = new(
        "Vägledaren ser det du skriver när chatten börjar. Du är fortfarande nummer {0} i kön.",
        "The service guide will see what you write when the chat starts. You are still number {0} in the queue.");

    public static readonly LocalizedText StillQueuedNext = new(
        "Vägledaren ser det du skriver när chatten börjar. Du är först i kön.",
        "The service guide will see what you write when the chat starts. You are first in the queue.");

    public static readonly LocalizedText MessageSaved = new(
        "Tack, jag har sparat ditt meddelande till kontaktcenter. Ditt ärendenummer är {0}. En vägledare svarar senast {1}. Skriv gärna mer om du vill lägga till något.",
        "Thank you, I have saved your message for the contact center. Your case number is {0}. A service guide will reply by {1}. Feel free to add more.");

    public static readonly LocalizedText AddedToMessage = new(
        "Jag har lagt till det i ditt meddelande till kontaktcenter (ärende {0}).",
        "I have added that to your message to the contact center (case {0}).");

    public static readonly LocalizedText AskContact = new(
        "Skriv också din e-postadress eller ditt telefonnummer, så att vägledaren kan svara dig.",
        "Please also write your e-mail address or phone number, so that the service guide can reply to you.");

    public static readonly LocalizedText ContinueWhileQueued = new(
        "Okej, jag svarar på dina frågor så länge. Du behåller din plats i kön (nummer {0}), och en vägledare tar över när det är din tur.",
        "OK, I will answer your questions in the meantime. You keep your place in the queue (number {0}), and a service guide takes over when it is your turn.");

    public static readonly LocalizedText LeftQueue = new(
        "Du har lämnat kön. Fråga mig gärna om något annat, eller ring kontaktcenter på 031-365 00 00.",
        "You have left the queue. Feel free to ask me something else, or call the contact center on +46 31-365 00 00.");

    public static readonly LocalizedText MessageKept = new(
        "Ditt meddelande är sparat (ärende {0}) och en vägledare svarar senast {1}. Vad mer kan jag hjälpa dig med?",
        "Your message is saved (case {0}) and a service guide will reply by {1}. What else can I help you with?");

    public static readonly LocalizedText AlreadyQueued = new(
        "Du står redan i kön till en vägledare, som nummer {0}. Vägledaren ser hela vårt samtal.",
        "You are already in the queue for a service guide, as number {0}. The guide can see our whole conversation.");

    public static readonly LocalizedText AskBeforeQueue = new(
        "Jag har tyvärr inget annat svar som passar. Vill du att jag kopplar dig till en servicevägledare? Du kan också skriva frågan på ett annat sätt.",
        "I'm afraid I have no other answer that fits. Would you like me to connect you to a service guide? You can also ask the question in another way.");
}
