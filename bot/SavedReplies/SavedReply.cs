namespace Bot.SavedReplies;

/// <summary>
/// A canned answer guides insert into a reply: per group (null: every group), with a shortcut typed
/// as <c>/shortcut</c> in the reply box.
/// </summary>
internal sealed record SavedReply(string Id, string? Group, string Shortcut, string Title, string Text, string? CreatedBy, DateTimeOffset UpdatedAt)
{
    /// <summary>The replies a new installation starts with, to show how they work; removed ones stay removed.</summary>
    public static readonly IReadOnlyList<(string Id, string Shortcut, string Title, string Text)> Defaults =
    [
        ("R-hej", "hej", "Hälsning", "Hej! Tack för att du väntade. Jag läser vad du har skrivit och återkommer strax."),
        ("R-kolla", "kolla", "Jag undersöker", "Jag behöver undersöka det här lite närmare. Vänta gärna en liten stund, så återkommer jag."),
        ("R-tack", "tack", "Avslutning", "Tack för att du hörde av dig till Göteborgs Stad! Hör gärna av dig igen om du undrar över något mer."),
    ];
}
