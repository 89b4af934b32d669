using System.Text.RegularExpressions;
using Dialogs.Dates;
using Knowledge.Facilities;

namespace Dialogs.OpeningHours;

/// <summary>Which facilities a message names, and which kind of facility it mentions.</summary>
public sealed record FacilityMatch(IReadOnlyList<Facility> Facilities, FacilityKind? Kind, IReadOnlyList<(int Index, int Length)> Spans, bool ByFullName = false)
{
    /// <summary>Several facilities fit a partial name ("Lundby"): ask which one.</summary>
    public bool IsAmbiguous => Facilities.Count > 1 && !ByFullName;
}

/// <summary>
/// Finds facilities by name or alias, tolerating typos, missing å/ä/ö, genitive and definite forms
/// ("Majornas bibliotek", "biblioteket i Majorna", "Valhalla", "hogsbo avc"), and kinds by their words.
/// </summary>
public static partial class FacilityMatcher
{
    private const int ExactName = 100;
    private const int FuzzyName = 50;
    private const int PlaceWord = 20;

    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "goteborgs", "goteborg", "stads", "stad", "staden", "i", "pa", "the", "city", "of", "och", "med", "telefon", "chatt",
        "vid", "at", "in", "m2", "300", "center", "centre", "centrum",
    };

    public static FacilityMatch Match(string text, FacilityCatalog catalog)
    {
        var folded = Normalize(text);
        var tokens = Tokens(folded);
        var kindWords = catalog.Kinds.SelectMany(k => k.Words.Select(w => (Kind: k, Word: Normalize(w)))).ToList();
        var kind = kindWords.Where(k => ContainsPhrase(folded, k.Word) >= 0).Select(k => k.Kind).FirstOrDefault();
        var genericWords = kindWords.SelectMany(k => Tokens(k.Word).Select(t => t.Token).Append(k.Word)).Concat(Generic).ToHashSet(StringComparer.Ordinal);

        var scored = new List<(Facility Facility, int Score, int Index, int Length)>();
        foreach (var facility in catalog.Facilities)
        {
            var best = (Score: 0, Index: -1, Length: 0);
            foreach (var name in facility.Names.Select(Normalize))
            {
                var at = ContainsPhrase(folded, name);
                if (at >= 0 && ExactName + name.Length > best.Score)
                {
                    best = (ExactName + name.Length, at, name.Length);
                }
                foreach (var word in PlaceWords(name, genericWords))
                {
                    foreach (var (token, index) in tokens)
                    {
                        var score = Similar(token, word, whole: !name.Contains(' ', StringComparison.Ordinal) && word == name)
                            ? (word == name ? FuzzyName : PlaceWord) + word.Length
                            : 0;
                        if (score > best.Score)
                        {
                            best = (score, index, token.Length);
                        }
                    }
                }
            }
            if (best.Score > 0)
            {
                scored.Add((facility, best.Score, best.Index, best.Length));
            }
        }
        if (kind is not null && scored.Any(s => s.Facility.Kind == kind.Id))
        {
            scored = scored.Where(s => s.Facility.Kind == kind.Id).ToList();
        }
        else if (kind is not null)
        {
            // "biblioteket i Frölunda", "Angereds bibliotek": a place we have no library for; the kind decides.
            scored.Clear();
        }
        if (scored.Count == 0)
        {
            return new FacilityMatch([], kind, [], false);
        }
        var top = scored.Max(s => s.Score);
        // Several names written out ("Valhallabadet och Lundbybadet") are all meant; a name inside a
        // longer one ("Stadsbiblioteket" in "Stadsbiblioteket 300 m2") is not.
        var chosen = top >= ExactName
            ? scored.Where(s => s.Score >= ExactName && !scored.Any(o => o.Score > s.Score && o.Index <= s.Index && s.Index + s.Length <= o.Index + o.Length)).ToList()
            : scored.Where(s => s.Score == top).ToList();
        kind ??= chosen.Select(c => catalog.Kind(c.Facility.Kind)).FirstOrDefault(k => chosen.All(c => c.Facility.Kind == k?.Id));
        return new FacilityMatch(chosen.Select(c => c.Facility).ToList(), kind, chosen.Select(c => (c.Index, c.Length)).Distinct().ToList(), top >= ExactName);
    }

    /// <summary>Lower case, å/ä/ö folded, punctuation as spaces (positions kept).</summary>
    public static string Normalize(string text)
    {
        var chars = DateRecognizer.Fold(text).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsLetterOrDigit(chars[i]) && chars[i] != ':')
            {
                chars[i] = ' ';
            }
        }
        return new string(chars);
    }

    /// <summary>Where <paramref name="phrase"/> occurs as whole words in <paramref name="text"/>, or -1.</summary>
    private static int ContainsPhrase(string text, string phrase)
    {
        var words = Tokens(phrase).Select(t => Regex.Escape(t.Token)).ToList();
        if (words.Count == 0)
        {
            return -1;
        }
        var match = Regex.Match(text, $@"(?<![\p{{L}}\d]){string.Join(@"\s+", words)}(?![\p{{L}}\d])");
        return match.Success ? match.Index : -1;
    }

    /// <summary>The distinctive words of a name: not kind words or "Göteborgs Stads", with genitive and compound forms.</summary>
    private static IEnumerable<string> PlaceWords(string name, HashSet<string> generic)
    {
        foreach (var (token, _) in Tokens(name))
        {
            if (generic.Contains(token) || token.Length < 4 || token.All(char.IsDigit))
            {
                continue;
            }
            yield return token;
            if (token.EndsWith('s') && token.Length > 5)
            {
                yield return token[..^1];
            }
            foreach (var suffix in generic.Where(g => g.Length >= 3 && token.Length > g.Length + 3 && token.EndsWith(g, StringComparison.Ordinal)))
            {
                var stem = token[..^suffix.Length];
                yield return stem;
                if (stem.EndsWith('s') && stem.Length > 5)
                {
                    yield return stem[..^1];
                }
            }
        }
    }

    private static bool Similar(string token, string word, bool whole)
    {
        if (token == word || (token.Length > word.Length && token.StartsWith(word, StringComparison.Ordinal) && token.Length - word.Length <= 3 && word.Length >= 5))
        {
            // "majornas", "lundbys", "valhallas" …
            return true;
        }
        var max = word.Length >= 9 ? 2 : word.Length >= 6 ? 1 : 0;
        return max > 0 && Math.Abs(token.Length - word.Length) <= max && Distance(token, word) <= max;
    }

    private static List<(string Token, int Index)> Tokens(string text) =>
        WordPattern().Matches(text).Select(m => (m.Value, m.Index)).ToList();

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"[\p{L}\d:]+")]
    private static partial Regex WordPattern();
}
