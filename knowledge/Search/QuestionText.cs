using System.Text;

namespace Knowledge.Search;

/// <summary>Normalizes question text for exact matching (case, punctuation, spacing).</summary>
public static class QuestionText
{
    public const int MaxSearchLength = 300;

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return builder.ToString();
    }
}
