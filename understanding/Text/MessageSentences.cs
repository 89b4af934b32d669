using System.Text.RegularExpressions;

namespace Understanding.Text;

/// <summary>
/// Finds what a long message asks. Residents often tell their story first and ask at the end
/// ("Vi har bott i Kortedala i tio år … Hur gör vi för att byta förskola?"); retrieval on the
/// whole story finds everything the story mentions, retrieval on the question finds what is asked.
/// </summary>
public static partial class MessageSentences
{
    public static IReadOnlyList<string> Split(string text) =>
        Boundary().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>
    /// The sentence that asks, when the message has more than one sentence: the last one with a
    /// question mark, else the last one that starts with a question word or a request; null for a
    /// message of one sentence or one that asks nothing recognizable.
    /// </summary>
    public static string? Question(string text)
    {
        var sentences = Split(text);
        if (sentences.Count < 2)
        {
            return null;
        }
        var asked = sentences.LastOrDefault(s => s.Contains('?'))
            ?? sentences.LastOrDefault(s => QuestionStart().IsMatch(s));
        return asked;
    }

    // A sentence ends at . ! ? or a line break, followed by space; "kl. 8" and "t.ex. " are rare enough in chats.
    [GeneratedRegex(@"(?<=[.!?…])\s+|\n+")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"^(hur|var|vad|när|vem|vems|vilken|vilket|vilka|varför|kan|får|måste|ska|finns|gäller|är|har|behöver|how|what|where|when|who|which|why|can|could|do|does|is|are|should|may|must|will|would)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionStart();
}
