using System.Text.RegularExpressions;
using Knowledge;

namespace Dialogs.FaultReports;

/// <summary>A kind of fault the city's case system sorts reports by (Open311 <c>service_code</c>).</summary>
public sealed record FaultCategory(string Code, LocalizedText Name, Regex Vocabulary);

/// <summary>
/// The categories residents can report, each with the words residents use for its things. Words
/// are matched on whole-word prefixes, so Swedish inflections (gatlampan, gatlamporna) count.
/// </summary>
public static partial class FaultCategories
{
    public const string Other = "other";

    public static readonly FaultCategory StreetLight = new("streetlight", new("Gatubelysning", "Street lighting"), StreetLightWords());
    public static readonly FaultCategory Road = new("road", new("Potthål och vägskador", "Potholes and road damage"), RoadWords());
    public static readonly FaultCategory Graffiti = new("graffiti", new("Klotter", "Graffiti"), GraffitiWords());
    public static readonly FaultCategory Litter = new("litter", new("Nedskräpning", "Litter"), LitterWords());
    public static readonly FaultCategory Tree = new("tree", new("Träd", "Trees"), TreeWords());
    public static readonly FaultCategory Snow = new("snow", new("Snö och halka", "Snow and ice"), SnowWords());
    /// <summary>Other things in streets and parks (benches, playgrounds, signs); also the choice when nothing else fits.</summary>
    public static readonly FaultCategory OtherThings = new(Other, new("Annat", "Other"), OtherWords());

    public static readonly IReadOnlyList<FaultCategory> All = [StreetLight, Road, Graffiti, Litter, Tree, Snow, OtherThings];

    public static FaultCategory ByCode(string code) => All.FirstOrDefault(c => c.Code == code) ?? OtherThings;

    /// <summary>
    /// The category of the thing the message is about: the specific category mentioned first, else
    /// <see cref="Other"/> when a street or park object is mentioned, else null.
    /// </summary>
    public static FaultCategory? Detect(string text)
    {
        var lower = text.ToLowerInvariant();
        var first = All.Where(c => c.Code != Other)
            .Select(c => (Category: c, Match: c.Vocabulary.Match(lower)))
            .Where(m => m.Match.Success)
            .OrderBy(m => m.Match.Index)
            .Select(m => m.Category)
            .FirstOrDefault();
        return first ?? (OtherWords().IsMatch(lower) ? OtherThings : null);
    }

    /// <summary>A category chosen by its name (a button) or by its words; null when the reply names none.</summary>
    public static FaultCategory? FromReply(string text)
    {
        var t = text.Trim().TrimEnd('.', '!').ToLowerInvariant();
        return All.FirstOrDefault(c => c.Name.Sv.Equals(t, StringComparison.OrdinalIgnoreCase) || c.Name.En.Equals(t, StringComparison.OrdinalIgnoreCase))
            ?? (t is "annat" or "other" or "något annat" or "something else" ? OtherThings : Detect(t));
    }

    [GeneratedRegex(@"\b(gatlamp\w*|gatlys\w*|gatubelysning\w*|belysning\w*|lyktstolp\w*|belysningsstolp\w*|lampstolp\w*|lamp(a|an|or|orna)|street ?lights?|street ?lamps?|street ?lighting|lamp ?posts?)\b")]
    private static partial Regex StreetLightWords();

    [GeneratedRegex(@"\b(potthål\w*|gropar|gropen|grop|hål (i|på) (vägen|gatan|asfalten|cykelbanan|trottoaren|gångbanan|gångvägen)|vägskad\w*|asfalt\w*|kantsten\w*|brunnslock\w*|gatsten\w*|trottoar\w*|cykelban\w*|gångban\w*|cykelväg\w*|vägban\w*|potholes?|road surface|hole in the (road|street|pavement)|road damage|damaged road|pavement|sidewalk|cycle (path|lane))\b")]
    private static partial Regex RoadWords();

    [GeneratedRegex(@"\b(klotter\w*|klottra\w*|nedklottra\w*|graffiti|taggat|taggad\w*|sprayat|sprayad\w*|sprejat|sprejad\w*)\b")]
    private static partial Regex GraffitiWords();

    [GeneratedRegex(@"\b(skräp\w*|nedskräp\w*|papperskorg\w*|skräpkorg\w*|sopkorg\w*|soptunn\w*|sopsäck\w*|dumpa\w*|glassplitter|krossat glas|fimpar|litter\w*|rubbish|trash|garbage|bins?|fly-?tipping|dumped|broken glass)\b")]
    private static partial Regex LitterWords();

    [GeneratedRegex(@"\b(träd(et|en)?|grenar(na)?|grenen|gren|trädgren\w*|trädrot\w*|stubbe\w*|trees?|branch(es)?)\b")]
    private static partial Regex TreeWords();

    [GeneratedRegex(@"\b(snö\w*|halka\w*|halkan|halt|spegelhalt|flughalt|isig\w*|isen|ishalka|isbildning|oplogad\w*|oplogat|plogad\w*|plogat|oskottad\w*|oskottat|osandad\w*|osandat|snow\w*|ice|icy|slippery|unploughed|unplowed|ungritted)\b")]
    private static partial Regex SnowWords();

    [GeneratedRegex(@"\b(bänk\w*|parkbänk\w*|lekplats\w*|gung(a|an|or|orna)|rutschkan\w*|klätterställning\w*|sandlåd\w*|skylt\w*|vägskylt\w*|gatuskylt\w*|trafikljus\w*|trafiksignal\w*|övergångsställe\w*|staket\w*|räcke\w*|fontän\w*|toalett\w*|offentlig toalett|dagvattenbrunn\w*|farthinder\w*|bollplan\w*|utegym\w*|grind\w*|cykelställ\w*|benches|bench|playground|swings?|slide|road ?signs?|street ?signs?|signposts?|traffic lights?|fence|railing|fountain|public toilet|drain)\b")]
    private static partial Regex OtherWords();
}
