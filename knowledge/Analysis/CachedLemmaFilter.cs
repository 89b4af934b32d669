using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Hunspell;
using Lucene.Net.Analysis.TokenAttributes;
using HunspellDictionary = Lucene.Net.Analysis.Hunspell.Dictionary;

namespace Knowledge.Analysis;

/// <summary>
/// Replaces each word by its Hunspell lemma (longest stem, as HunspellStemFilter with longestOnly),
/// through a cache shared by all analyzers of one knowledge base: the same words recur in thousands
/// of question variants and residents' questions, and affix stripping is the slow part of analysis.
/// </summary>
internal sealed class CachedLemmaFilter(TokenStream input, Lemmatizer lemmatizer) : TokenFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();
    private readonly IKeywordAttribute _keyword = input.AddAttribute<IKeywordAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        if (!_keyword.IsKeyword)
        {
            var word = _term.ToString();
            var lemma = lemmatizer.Lemma(word);
            if (!string.Equals(lemma, word, StringComparison.Ordinal))
            {
                _term.SetEmpty().Append(lemma);
            }
        }
        return true;
    }
}

/// <summary>Word → lemma with Hunspell, cached.</summary>
internal sealed class Lemmatizer(HunspellDictionary dictionary) : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly Analyzer _singleWord = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new KeywordTokenizer(reader);
        return new TokenStreamComponents(source, new HunspellStemFilter(source, dictionary, dedup: true, longestOnly: true));
    });

    public string Lemma(string word) => _cache.GetOrAdd(word, Lookup);

    private string Lookup(string word)
    {
        using var stream = _singleWord.GetTokenStream("w", word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var lemma = stream.IncrementToken() ? term.ToString() : word;
        stream.End();
        return lemma;
    }

    public void Dispose() => _singleWord.Dispose();
}
