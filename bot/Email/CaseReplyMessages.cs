using Knowledge;

namespace Bot.Email;

/// <summary>
/// The fixed parts of an e-mail reply to a left message, in the resident's language (the other
/// languages in content/messages.yaml under "CaseReplyMessages.&lt;field&gt;"). The guide's own text is
/// sent as written.
/// </summary>
internal static class CaseReplyMessages
{
    static CaseReplyMessages() => MessageCatalog.Register(typeof(CaseReplyMessages));

    /// <summary>{0}: the case id.</summary>
    public static readonly LocalizedText Subject = new("Svar från Göteborgs Stad – ärende {0}", "Reply from the City of Gothenburg – case {0}");

    public static readonly LocalizedText Hello = new("Hej!", "Hello,");

    public static readonly LocalizedText Regards = new("Med vänliga hälsningar", "Kind regards,");

    public static readonly LocalizedText Signature = new("Kontaktcenter, Göteborgs Stad, 031-365 00 00", "Contact center, City of Gothenburg, +46 31-365 00 00");

    /// <summary>{0}: the case id, {1}: when the resident wrote ("3 december 2026 kl. 14.05").</summary>
    public static readonly LocalizedText YourMessage = new("Ärende {0} – ditt meddelande i chatten {1}:", "Case {0} – your message in the chat on {1}:");

    /// <summary>{0}: the case id.</summary>
    public static readonly LocalizedText QuoteCase = new("Ange ärendenummer {0} om du kontaktar oss igen.", "Please quote the case number {0} if you contact us again.");

    public static void Register() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(CaseReplyMessages).TypeHandle);
}
