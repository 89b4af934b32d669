using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Knowledge.Analysis;

/// <summary>
/// Light Somali stemming: strips the commonest definite, demonstrative and possessive endings
/// (gabadhayda → gabadh, dagiska → dagis, buugaagta → buugaag) so that the forms a resident writes
/// meet the forms of the translated questions. Conservative on purpose: a stem keeps at least three
/// letters, and only the longest matching ending is removed.
/// </summary>
internal sealed class SomaliStemFilter : TokenFilter
{
    // Longest first. Possessives (-kayga "my", -kaaga "your", -kiisa "his", -keeda "her", -kooda
    // "their", -keenna/-kayaga "our") and their t/g/d/h/y forms, demonstratives (-kan, -kii, -kaas),
    // the definite article (-ka, -ta, -ga, -da, -ha, -a) and a few plural endings.
    private static readonly string[] Endings = BuildEndings();

    private readonly ICharTermAttribute _term;

    public SomaliStemFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var word = _term.ToString();
        var stem = Stem(word);
        if (!ReferenceEquals(stem, word))
        {
            _term.SetEmpty().Append(stem);
        }
        return true;
    }

    public static string Stem(string word)
    {
        if (word.Length < 5 || !word.All(char.IsLetter))
        {
            return word;
        }
        foreach (var ending in Endings)
        {
            if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }
        return word;
    }

    private static string[] BuildEndings()
    {
        string[] consonants = ["k", "t", "g", "d", "h", "y"];
        string[] possessive = ["ayga", "ayda", "aaga", "aada", "iisa", "eeda", "ooda", "eenna", "ayaga", "ayada", "ooyinka"];
        string[] demonstrative = ["an", "ii", "aas", "uu", "a"];
        var endings = new List<string>();
        foreach (var c in consonants)
        {
            endings.AddRange(possessive.Select(p => c + p));
            endings.AddRange(demonstrative.Select(d => c + d));
        }
        endings.AddRange(["ooyinka", "ooyin", "yaasha", "yaal", "ayaal", "aha", "ada", "aga", "ka", "ta", "ga", "da"]);
        return endings.Distinct(StringComparer.Ordinal).OrderByDescending(e => e.Length).ThenBy(e => e, StringComparer.Ordinal).ToArray();
    }
}
