using Knowledge;

namespace Dialogs.FaultReports;

/// <summary>What the bot writes to residents while taking a fault report, in Swedish and English.</summary>
public static class FaultReportMessages
{
    public const string TrafikverketPhone = "0771-921 921";

    public static readonly LocalizedText Start = new(
        "Jag hjälper dig att göra en felanmälan. Du kan skriva ”avbryt” när som helst.",
        "I'll help you report the fault. You can write \"cancel\" at any time.");

    public static readonly LocalizedText DangerFirst = new(
        "Om någon är i fara just nu: ring 112 först. Gå inte nära el-ledningar eller andra farliga saker. Sedan kan du göra en felanmälan här.",
        "If anyone is in danger right now: call 112 first. Keep away from power lines and other dangerous things. Then you can report the fault here.");

    public static readonly LocalizedText AskCategory = new(
        "Vad gäller felet? Välj det som passar bäst.",
        "What is the fault about? Choose what fits best.");

    public static readonly LocalizedText AskLocation = new(
        "Var är felet? Skriv en adress (till exempel ”Götabergsgatan 20”) eller beskriv platsen (till exempel ”gångvägen bakom Nordstan”).",
        "Where is the fault? Write an address (for example \"Götabergsgatan 20\") or describe the place (for example \"the footpath behind Nordstan\").");

    /// <summary>{0}: the place as understood.</summary>
    public static readonly LocalizedText ConfirmLocation = new(
        "Jag har uppfattat platsen som: {0}. Stämmer det?",
        "I have understood the place as: {0}. Is that right?");

    public static readonly LocalizedText AskLocationAgain = new(
        "Okej. Skriv platsen igen, så exakt du kan (gatuadress, hållplats, park eller ett känt ställe i närheten).",
        "OK. Please write the place again, as exactly as you can (street address, stop, park or a well-known place nearby).");

    public static readonly LocalizedText AskDescription = new(
        "Beskriv felet kort. Vad har hänt?",
        "Please describe the fault briefly. What has happened?");

    public static readonly LocalizedText AskPhoto = new(
        "Vill du skicka med en bild? Bifoga en bild, eller välj ”Hoppa över”.",
        "Would you like to add a photo? Attach one, or choose \"Skip\".");

    public static readonly LocalizedText PhotoNotImage = new(
        "Det där var ingen bild. Bifoga en bild (jpg eller png), eller välj ”Hoppa över”.",
        "That was not a photo. Attach a photo (jpg or png), or choose \"Skip\".");

    public static readonly LocalizedText PhotoReceived = new("Tack för bilden.", "Thanks for the photo.");

    public static readonly LocalizedText AskContact = new(
        "Vill du få besked när felet är åtgärdat? Skriv din e-postadress eller ditt telefonnummer, eller välj ”Hoppa över”. Uppgifterna används bara för den här felanmälan.",
        "Would you like to hear back when the fault is fixed? Write your e-mail address or phone number, or choose \"Skip\". We only use them for this report.");

    public static readonly LocalizedText ContactNotUnderstood = new(
        "Jag hittade ingen e-postadress eller telefonnummer. Skriv till exempel namn@exempel.se eller 070-123 45 67, eller välj ”Hoppa över”.",
        "I couldn't find an e-mail address or phone number. Write for example name@example.com or 070-123 45 67, or choose \"Skip\".");

    /// <summary>{0}: reference, {1}: category, {2}: place, {3}: the secret code.</summary>
    public static readonly LocalizedText Confirmed = new(
        "Tack! Din felanmälan är registrerad.\n\nReferensnummer: **{0}**\nKod: **{3}**\nFel: {1}\nPlats: {2}\n\nSpara referensnumret och koden. Du kan fråga mig om läget när som helst, till exempel ”Hur går det med min felanmälan {0} kod {3}?”. Visa inte koden för andra.",
        "Thank you! Your fault report has been registered.\n\nReference: **{0}**\nCode: **{3}**\nFault: {1}\nPlace: {2}\n\nKeep the reference and the code. You can ask me how it is going at any time, for example \"How is my report {0} code {3}?\". Don't share the code with others.");

    /// <summary>{0}: the e-mail address or phone number.</summary>
    public static readonly LocalizedText WillContact = new(
        "Vi hör av oss till {0} när felet är åtgärdat.",
        "We will contact you at {0} when the fault has been fixed.");

    public static readonly LocalizedText Cancelled = new(
        "Okej, jag har avbrutit felanmälan. Inget har skickats. Fråga gärna om något annat.",
        "OK, I have cancelled the fault report. Nothing has been sent. Feel free to ask about something else.");

    public static readonly LocalizedText NotSaved = new(
        "Jag kan tyvärr inte spara felanmälningar just nu. Ring kontaktcenter på 031-365 00 00 så hjälper de dig.",
        "I'm sorry, I can't save fault reports right now. Please call the contact center on +46 31-365 00 00 and they will help you.");

    public static readonly LocalizedText StateRoad = new(
        $"Statliga vägar som E6, E20, E45 och riksvägarna sköts av Trafikverket, inte av Göteborgs Stad. Anmäl felet till Trafikverket på telefon {TrafikverketPhone} (dygnet runt) eller på trafikverket.se. Är det fara för någons liv – ring 112.",
        $"State roads such as the E6, E20, E45 and national roads are run by Trafikverket (the Swedish Transport Administration), not by the City. Report the fault to Trafikverket on {TrafikverketPhone} (+46 771-921 921, 24/7) or at trafikverket.se. If someone's life is in danger, call 112.");

    public static readonly LocalizedText AskReference = new(
        "Skriv referensnumret för din felanmälan, så tittar jag. Det ser ut så här: FR-2026-000123.",
        "Write the reference of your fault report and I will look it up. It looks like this: FR-2026-000123.");

    /// <summary>
    /// A reference that is unknown, or not from this chat and without its code: the same answer for both, so that
    /// nobody learns which references exist. {0}: reference.
    /// </summary>
    public static readonly LocalizedText CannotSeeReport = new(
        "Jag kan inte se felanmälan {0} här. Skriv referensnumret tillsammans med koden från kvittot, till exempel ”Hur går det med min felanmälan {0} kod K7P2QX?”. Har du inte koden kan en vägledare hjälpa dig: skriv ”prata med en vägledare” eller ring kontaktcenter på 031-365 00 00.",
        "I can't see fault report {0} here. Write the reference together with the code from your receipt, for example \"How is my report {0} code K7P2QX?\". If you don't have the code, a service guide can help you: write \"talk to a person\" or call the contact center on +46 31-365 00 00.");

    /// <summary>{0}: reference, {1}: category, {2}: place, {3}: date received, {4}: status.</summary>
    public static readonly LocalizedText Status = new(
        "Felanmälan {0} ({1}, {2}) kom in {3}. Status: {4}.",
        "Fault report {0} ({1}, {2}) was received on {3}. Status: {4}.");

    /// <summary>Sent to the resident's chat when a guide changes the status. {0}: reference, {1}: status.</summary>
    public static readonly LocalizedText StatusChanged = new(
        "Nytt om din felanmälan {0}: den är nu {1}.",
        "News about your fault report {0}: it is now {1}.");

    /// <summary>{0}: the guide's comment.</summary>
    public static readonly LocalizedText StatusComment = new("Kommentar: {0}", "Comment: {0}");

    public static readonly IReadOnlyDictionary<string, LocalizedText> StatusNames = new Dictionary<string, LocalizedText>
    {
        [FaultReportStatuses.Received] = new("mottagen, den väntar på att handläggas", "received, waiting to be handled"),
        [FaultReportStatuses.InProgress] = new("under åtgärd", "being fixed"),
        [FaultReportStatuses.Done] = new("åtgärdad", "fixed"),
        [FaultReportStatuses.Rejected] = new("avslutad utan åtgärd", "closed without action"),
        [FaultReportStatuses.Referred] = new("skickad vidare till den som ansvarar", "passed on to whoever is responsible"),
    };

    public static readonly LocalizedText SkipButton = new("Hoppa över", "Skip");
    public static readonly LocalizedText CancelButton = new("Avbryt", "Cancel");
    public static readonly LocalizedText YesButton = new("Ja", "Yes");
    public static readonly LocalizedText NoButton = new("Nej", "No");
}
