using Knowledge;

namespace Dialogs.Dates;

/// <summary>Texts for answers about rules that changed over time (klarspråk).</summary>
public static class PeriodMessages
{
    public static readonly LocalizedText OnDay = new("Det här gällde {0}:", "This is what applied on {0}:");
    public static readonly LocalizedText InRange = new("Det här gällde {0}:", "This is what applied in {0}:");
    public static readonly LocalizedText Changed = new("Reglerna ändrades under {0}:", "The rules changed during {0}:");
    public static readonly LocalizedText NotYet = new("{0} fanns ännu ingen sådan regel. Den första kom {1}.", "On {0} there was no such rule yet. The first came on {1}.");
    public static readonly LocalizedText NoLonger = new("{0} gällde reglerna inte längre. De upphörde {1}.", "On {0} the rules no longer applied. They ended on {1}.");
    public static readonly LocalizedText NoRule = new("{0} gällde ingen sådan regel.", "On {0} no such rule applied.");
    public static readonly LocalizedText Today = new("I dag, {0}:", "Today, {0}:");
    /// <summary>A period still in force, in a list of periods. {0}: its first day.</summary>
    public static readonly LocalizedText From = new("från {0}", "from {0}");
    public static readonly LocalizedText EndedSince = new("Reglerna gäller inte längre, sedan {0}.", "The rules no longer apply, since {0}.");
}
