using Knowledge;

namespace Dialogs.Main;

/// <summary>
/// Every text the bot writes to residents (other than knowledge answers), in Swedish and English,
/// in plain language. Kept in one place so the contact center can review the wording.
/// </summary>
public static class Messages
{
    public const string ContactPhone = "031-365 00 00";
    public const string ContactEmail = "goteborg@goteborg.se";

    public static readonly LocalizedText Welcome = new(
        "Hej! Jag är Göteborgs Stads chattbot. Jag svarar på vanliga frågor, till exempel om snöröjning, bibliotek, bad, avfall, parkering, förskola och bygglov. Skriv din fråga med egna ord.\n\nSkriv inte personnummer eller andra känsliga uppgifter här. You can also write in English.",
        "Hi! I am the City of Gothenburg's chatbot. I answer common questions, for example about snow clearing, libraries, swimming pools, waste, parking, preschool and building permits. Ask in your own words.\n\nPlease do not write personal identity numbers or other sensitive details here. Du kan också skriva på svenska.");

    public static readonly LocalizedText[] WelcomeTopics =
    [
        new("Snöröjning", "Snow clearing"),
        new("Bibliotek", "Libraries"),
        new("Avfall och återvinning", "Waste and recycling"),
        new("Parkering", "Parking"),
        new("Förskola", "Preschool"),
    ];

    public static readonly LocalizedText Greeting = new(
        "Hej! Vad kan jag hjälpa dig med?",
        "Hi! What can I help you with?");

    public static readonly LocalizedText Thanks = new(
        "Varsågod! Fråga gärna igen om du undrar över något mer.",
        "You're welcome! Just ask if there is anything else.");

    public static readonly LocalizedText Goodbye = new(
        "Hej då, och välkommen tillbaka!",
        "Goodbye, and welcome back any time!");

    public static readonly LocalizedText SmallTalk = new(
        "Vad roligt att höra! Fråga mig gärna om något som gäller Göteborgs Stad, till exempel avfall, parkering eller förskola.",
        "Nice to hear! Feel free to ask me about anything to do with the City of Gothenburg, for example waste, parking or preschool.");

    public static readonly LocalizedText FeedbackWithoutAnswer = new(
        "Förlåt att det blev fel. Skriv gärna vad du undrar över med andra ord, så försöker jag igen. Du kan också prata med en servicevägledare.",
        "Sorry that it went wrong. Please tell me what you want to know in other words and I'll try again. You can also talk to a service guide.");

    public static readonly LocalizedText WhoAreYou = new(
        "Jag är en chattbot, alltså ett datorprogram och inte en människa. Jag svarar på vanliga frågor om Göteborgs Stads service med hjälp av texter som stadens kontaktcenter har skrivit. När jag inte kan svara hjälper jag dig vidare till en servicevägledare.",
        "I am a chatbot, a computer program and not a person. I answer common questions about the City of Gothenburg's services using texts written by the City's contact center. When I can't answer, I help you reach a service guide.");

    public static readonly LocalizedText Help = new(
        "Skriv din fråga med egna ord, till exempel ”Hur skaffar jag bibliotekskort?” eller ”Vem ska skotta trottoaren?”. Jag svarar kort och länkar till källan. Vill du prata med en människa kan du skriva ”prata med en vägledare”.",
        "Ask in your own words, for example \"How do I get a library card?\" or \"Who clears the sidewalk?\". I answer briefly and link to the source. To talk to a person, write \"talk to a person\".");

    public static readonly LocalizedText ContactCenter = new(
        $"Du når Göteborgs Stads kontaktcenter på telefon {ContactPhone} eller e-post {ContactEmail}. Telefontid vardagar 08–17 (exempelvärde, se goteborg.se för aktuella tider).",
        $"You can reach the City of Gothenburg's contact center by phone {ContactPhone} (+46 31-365 00 00) or e-mail {ContactEmail}. Phone hours weekdays 08–17 (sample value, see goteborg.se for current hours).");

    public static readonly LocalizedText HumanRequested = new(
        "Jag förstår att du vill prata med en människa. En servicevägledare på kontaktcenter kan hjälpa dig.",
        "I understand you would like to talk to a person. A service guide at the contact center can help you.");

    public static readonly LocalizedText Fallback = new(
        "Det vet jag tyvärr inte säkert, och jag vill inte gissa. Försök gärna formulera frågan på ett annat sätt, eller fråga en servicevägledare.",
        "I'm sorry, I don't know that for sure and I don't want to guess. Try asking in another way, or ask a service guide.");

    public static readonly LocalizedText FallbackAgain = new(
        "Jag kan tyvärr inte svara på det heller. En servicevägledare kan hjälpa dig vidare.",
        "I'm sorry, I can't answer that either. A service guide can help you further.");

    public static readonly LocalizedText Clarify = new(
        "Jag är inte helt säker på vad du menar. Gäller det något av det här?",
        "I'm not quite sure what you mean. Is it one of these?");

    public static readonly LocalizedText NoneOfThese = new(
        "Okej, då har jag tyvärr inget bra svar. Du kan skriva frågan på ett annat sätt, eller fråga en servicevägledare.",
        "OK, then I'm afraid I don't have a good answer. You can rephrase the question, or ask a service guide.");

    public static readonly LocalizedText NoneOfTheseButton = new("Inget av dessa", "None of these");

    public static readonly LocalizedText TalkToGuideButton = new("Prata med en vägledare", "Talk to a service guide");

    public static readonly LocalizedText NeedsGuide = new(
        "Det här behöver en servicevägledare titta på, eftersom det gäller ditt eget ärende.",
        "A service guide needs to look at this, because it is about your own case.");

    public static readonly LocalizedText Emergency = new(
        "Ring 112 nu om någon är i fara – det är nödnumret för ambulans, räddningstjänst och polis. Jag är en chattbot och kan inte skicka hjälp.",
        "Call 112 now if someone is in danger – it is the emergency number for ambulance, fire and police. I am a chatbot and cannot send help.");

    public static readonly LocalizedText SelfHarm = new(
        "Ring 112 direkt om någon är i akut fara. Du kan också ringa Självmordslinjen 90101 (dygnet runt) eller 1177 Vårdguiden för råd. Du är inte ensam – det finns hjälp att få.",
        "Call 112 right away if someone is in immediate danger. You can also call the Swedish suicide prevention line Självmordslinjen on 90101 (24/7) or 1177 for healthcare advice. You are not alone – help is available.");

    public static readonly LocalizedText DangerNote = new(
        "Om någon är i fara just nu: ring 112.",
        "If someone is in danger right now: call 112.");

    public static readonly LocalizedText SelfHarmNote = new(
        "Om du eller någon annan är i fara just nu: ring 112. Du kan också ringa Självmordslinjen 90101 eller 1177, dygnet runt.",
        "If you or someone else is in danger right now: call 112. You can also call Självmordslinjen on 90101 or 1177, around the clock.");

    public static readonly LocalizedText OtherMunicipality = new(
        "Jag svarar bara på frågor om Göteborgs Stad, så jag kan inte svara om {0}. Vänd dig till {0}s kommun, eller fråga mig hur det fungerar i Göteborg.",
        "I only answer questions about the City of Gothenburg, so I can't answer about {0}. Please contact the municipality of {0}, or ask me how it works in Gothenburg.");

    public static readonly LocalizedText Queued = new(
        "Jag kopplar dig till en servicevägledare. Du är nummer {0} i kön och väntetiden är ungefär {1}. Du behöver inte upprepa din fråga – vägledaren ser vad vi har skrivit.",
        "I am connecting you to a service guide. You are number {0} in the queue and the wait is about {1}. You don't need to repeat your question – the guide can see what we have written.");

    public static readonly LocalizedText QueuedUnknownWait = new(
        "Jag kopplar dig till en servicevägledare. Du är nummer {0} i kön. Jag kan inte säga exakt hur länge du får vänta. Du behöver inte upprepa din fråga – vägledaren ser vad vi har skrivit.",
        "I am connecting you to a service guide. You are number {0} in the queue. I can't say exactly how long the wait is. You don't need to repeat your question – the guide can see what we have written.");

    public static readonly LocalizedText Closed = new(
        "Kontaktcenter har stängt just nu, så ingen servicevägledare kan chatta med dig. Skriv din fråga och hur vi kan nå dig (e-post eller telefon), så svarar en vägledare senast {0}.",
        "The contact center is closed right now, so no service guide can chat with you. Write your question and how we can reach you (e-mail or phone), and a guide will reply by {0}.");

    public static readonly LocalizedText NoGuides = new(
        "Just nu är ingen servicevägledare ledig i chatten. Skriv din fråga och hur vi kan nå dig (e-post eller telefon), så svarar en vägledare senast {0}. Du kan också ringa 031-365 00 00.",
        "No service guide is available in the chat right now. Write your question and how we can reach you (e-mail or phone), and a guide will reply by {0}. You can also call +46 31-365 00 00.");

    public static readonly LocalizedText MessageSaved = new(
        "Tack, jag har sparat ditt meddelande till vägledarna. Du får svar senast {0}. Skriv gärna mer om du vill lägga till något.",
        "Thank you, I have saved your message for the guides. You will get a reply by {0}. Feel free to add more.");

    public static readonly LocalizedText RatingThanks = new(
        "Tack för ditt betyg! Fråga gärna igen om du undrar över något mer.",
        "Thank you for your rating! Just ask if there is anything else.");

    public static readonly LocalizedText Source = new("Källa", "Source");

    public static readonly LocalizedText NoText = new(
        "Jag kan bara läsa text. Skriv gärna din fråga.",
        "I can only read text. Please type your question.");

    public static readonly LocalizedText TurnError = new(
        "Förlåt, något gick fel hos mig. Försök gärna igen. Om det inte fungerar kan en servicevägledare hjälpa dig.",
        "Sorry, something went wrong on my side. Please try again. If it still does not work, a service guide can help you.");

    public static readonly LocalizedText ValidOnly = new(
        "Obs: uppgiften gäller {0}.",
        "Note: this information applies {0}.");

    /// <summary>{0}: a date, in "Obs: uppgiften gäller från 1 juni 2023".</summary>
    public static readonly LocalizedText FromDate = new("från {0}", "from {0}");

    /// <summary>{0}: a date, in "Obs: uppgiften gäller till 20 augusti 2023".</summary>
    public static readonly LocalizedText UntilDate = new("till {0}", "until {0}");

    public static readonly LocalizedText RuleAsOf = new(
        "Det här gällde {0}:",
        "This is what applied on {0}:");
}
