using System.Text.RegularExpressions;

namespace Understanding.Decisions;

/// <summary>
/// The hand-written safety net for danger: phrases that always mean someone may be in danger. The
/// learned model catches what these miss; the two are OR-ed, so a rule can add 112 but never take
/// it away, and the model's danger threshold is chosen for the messages the rules do not catch.
/// </summary>
public static partial class DangerRules
{
    /// <summary><see cref="Route.SelfHarm"/>, <see cref="Route.Emergency"/>, or null when no rule matches.</summary>
    public static Route? Match(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return SelfHarm().IsMatch(t) ? Route.SelfHarm : Emergency().IsMatch(t) ? Route.Emergency : null;
    }

    [GeneratedRegex(@"\b(ta livet av mig|ta mitt liv|ta livet av sig|begå självmord|självmord|suicid|vill inte leva|vill dö|skada mig själv|skära mig|hoppa från (bron|taket)|hota[rd]? (med )?att hoppa|kill (myself|himself|herself|themselves)|suicid(e|al)|end (my|his|her) life|want to die|hurt myself|(threaten(ing|s)?|going|about) to jump|jump (off|from) (the|a) (bridge|roof|building))\b")]
    private static partial Regex SelfHarm();

    [GeneratedRegex(@"\b(det brinner|brinner (i|på|hos)|brand i|eldsvåda|rök (väller|kommer)|andas inte|slutat andas|medvetslös|svimmat och|fallit ihop|föll ihop|har kollapsat|hjärtstopp|hjärtattack|blöder (mycket|kraftigt)|allvarligt skadad|svårt skadad|har skadat sig allvarligt|drunknar|håller på att drunkna|överdos|förgiftad|blivit påkörd|blev påkörd|trafikolycka|krockat|inbrott pågår|någon bryter sig in|hotar mig|misshandlar|slår (mig|henne|honom)|med kniv|pistol|skjuter|skottlossning|fire in|on fire|is burning|not breathing|stopped breathing|unconscious|collapsed|heart attack|bleeding (badly|heavily|a lot)|badly (hurt|injured)|seriously (hurt|injured)|drowning|overdose|poisoned|been hit by a car|car crash|break-in|breaking in|threatening me|being attacked|someone is hurt|gas leak|gasläcka)\b")]
    private static partial Regex Emergency();
}
