using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Channels.Messenger;

/// <summary>Text for Messenger: plain text only, and each message shorter than 2,000 characters.</summary>
internal static partial class MessengerText
{
    /// <summary>Meta's limit: a message's text must be shorter than this.</summary>
    public const int Limit = 2000;

    /// <summary>Our Markdown as plain text: links become "text: url" (a source link "Källa: host" shows the full address), emphasis is dropped.</summary>
    public static string FromMarkdown(string text)
    {
        text = Link().Replace(text, m => LinkText(m.Groups[1].Value, m.Groups[2].Value));
        text = Strong().Replace(text, "$2");
        text = Heading().Replace(text, "");
        return Bullet().Replace(text, "$1• ");
    }

    /// <summary>Splits a text into pieces shorter than <see cref="Limit"/>, at sentence ends (or line breaks) where it can, else between words.</summary>
    public static IReadOnlyList<string> Split(string text, int limit = Limit - 1)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        foreach (var sentence in Segments(text, IsSentenceEnd))
        {
            if (current.Length + sentence.TrimEnd().Length <= limit)
            {
                current.Append(sentence);
                continue;
            }
            Flush(current, pieces);
            if (sentence.TrimEnd().Length <= limit)
            {
                current.Append(sentence);
                continue;
            }
            // One sentence longer than a message: between words, and a word longer than that is cut.
            foreach (var word in Segments(sentence, (s, i) => char.IsWhiteSpace(s[i])))
            {
                if (current.Length + word.TrimEnd().Length > limit)
                {
                    Flush(current, pieces);
                }
                var rest = word;
                while (rest.TrimEnd().Length > limit)
                {
                    var cut = char.IsHighSurrogate(rest[limit - 1]) ? limit - 1 : limit;
                    pieces.Add(rest[..cut]);
                    rest = rest[cut..];
                }
                current.Append(rest);
            }
        }
        Flush(current, pieces);
        return pieces;
    }

    /// <summary>At most <paramref name="max"/> characters, with an ellipsis when shortened.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return text[..cut].TrimEnd() + "…";
    }

    private static bool IsSentenceEnd(string text, int i) =>
        text[i] == '\n' || (text[i] is '.' or '!' or '?' or '…' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]));

    /// <summary>The text cut after each boundary, the whitespace that follows staying with the segment before it.</summary>
    private static IEnumerable<string> Segments(string text, Func<string, int, bool> boundary)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!boundary(text, i))
            {
                continue;
            }
            var end = i + 1;
            while (end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }
            yield return text[start..end];
            start = end;
            i = end - 1;
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static void Flush(StringBuilder current, List<string> pieces)
    {
        var piece = current.ToString().Trim();
        if (piece.Length > 0)
        {
            pieces.Add(piece);
        }
        current.Clear();
    }

    private static string LinkText(string text, string url)
    {
        if (text == url)
        {
            return url;
        }
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.Replace("www.", "", StringComparison.Ordinal) : null;
        return host is not null && text.EndsWith(host, StringComparison.OrdinalIgnoreCase)
            ? text[..^host.Length] + url
            : $"{text}: {url}";
    }

    [GeneratedRegex(@"\[([^\]]+)\]\((\S+?)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(.+?)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"^#{1,6}\s+", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(\s*)[-*]\s+", RegexOptions.Multiline)]
    private static partial Regex Bullet();
}
