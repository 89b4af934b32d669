using Knowledge.Content;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Compound;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fa;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Hunspell;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using Knowledge.Search;

namespace Knowledge.Analysis;

/// <summary>
/// The analysis chains for one knowledge base, used both when indexing and when searching.
/// Swedish: tokenize → lower case → synonyms → Hunspell lemma → decompound with a dictionary
/// built from the content itself → linking forms to base words (förskole → förskola).
/// No stop list: question words (hur, var, när, vem) carry meaning in short questions.
/// </summary>
internal sealed class CityAnalysis : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Function words that must not be used as compound parts ("för" inside "förskola").
    private static readonly string[] NotCompoundParts =
    [
        "och", "att", "som", "för", "den", "det", "med", "till", "har", "kan", "var", "vad", "hur", "när", "jag",
        "man", "min", "din", "sin", "mitt", "ditt", "ett", "en", "av", "på", "om", "från", "efter", "inte", "eller",
        "vid", "under", "över", "här", "där", "dig", "mig", "sig", "vem", "vilken", "får", "ska", "alla", "andra",
        "bara", "nog", "men", "utan", "mot", "hos", "dem", "de", "vara", "vill", "också", "ut", "upp", "in", "än",
        "lite", "mer", "mest", "ens", "era", "ers", "tar", "ger", "ter", "ens", "ska", "skall", "gör", "göra",
    ];

    private readonly Lemmatizer? _lemmatizer;
    private readonly SynonymMap? _synonyms;
    private readonly CharArraySet _compoundParts;
    private readonly CharArraySet _foldedCompoundParts;
    private readonly Dictionary<string, string> _stems;
    private readonly Dictionary<string, string> _afterCompound;
    private readonly Dictionary<string, string> _afterCompoundFolded;

    private CityAnalysis(KnowledgeBase knowledge)
    {
        var dictionary = SwedishDictionary.Load(knowledge.ContentDirectory);
        _lemmatizer = dictionary.Lemmatizer;
        _synonyms = BuildSynonyms(knowledge.Synonyms);
        _stems = new Dictionary<string, string>(knowledge.Lexicon.Stems, StringComparer.Ordinal);
        _afterCompound = new Dictionary<string, string>(knowledge.Lexicon.LinkingForms, StringComparer.Ordinal);
        foreach (var (word, stem) in knowledge.Lexicon.Stems)
        {
            _afterCompound.TryAdd(word, stem);
        }
        _afterCompoundFolded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, stem) in _afterCompound)
        {
            _afterCompoundFolded.TryAdd(Fold(word), Fold(stem));
        }

        Lemmatizer = Build(source => Lemmas(new LowerCaseFilter(Version, source)));
        var parts = CompoundDictionary(knowledge);
        Fingerprint = FingerprintOf(dictionary.Fingerprint, knowledge.Synonyms, knowledge.Lexicon, parts);
        _compoundParts = new CharArraySet(Version, parts, ignoreCase: true);
        _foldedCompoundParts = new CharArraySet(Version, parts.Select(Fold).Distinct(StringComparer.Ordinal).ToList(), ignoreCase: true);

        Swedish = Build(source => new TermMapFilter(
            new DictionaryCompoundWordTokenFilter(Version, Lemmas(Synonyms(source)), _compoundParts, 6, 3, 15, false),
            _afterCompound));
        Folded = Build(source => new TermMapFilter(
            new DictionaryCompoundWordTokenFilter(Version, new ASCIIFoldingFilter(Lemmas(Synonyms(source))), _foldedCompoundParts, 6, 3, 15, false),
            _afterCompoundFolded));
        Grams = Build(source => new NGramTokenFilter(Version, new ASCIIFoldingFilter(new LowerCaseFilter(Version, source)), 3, 3));
        English = new EnglishAnalyzer(Version);
        Translated = new Dictionary<Language, Analyzer>
        {
            // Finnish: the Snowball stemmer, then ä/ö folded for residents without a Finnish keyboard.
            [Language.Finnish] = Build(source => new ASCIIFoldingFilter(new SnowballFilter(
                new StopFilter(Version, new LowerCaseFilter(Version, source), FinnishAnalyzer.DefaultStopSet), new Lucene.Net.Tartarus.Snowball.Ext.FinnishStemmer()))),
            // Arabic and Persian: Lucene's own (letter normalization, Arabic light stemming, Persian zero-width joiners).
            [Language.Arabic] = new ArabicAnalyzer(Version),
            [Language.Persian] = new PersianAnalyzer(Version),
            // Somali has no Lucene analyzer: lower case, accents folded, the commonest endings stripped.
            [Language.Somali] = Build(source => new SomaliStemFilter(new ASCIIFoldingFilter(new LowerCaseFilter(Version, source)))),
        };
        var fields = new Dictionary<string, Analyzer>
        {
            [KnowledgeFields.Question] = Swedish,
            [KnowledgeFields.Answer] = Swedish,
            [KnowledgeFields.Folded] = Folded,
            [KnowledgeFields.Grams] = Grams,
            [KnowledgeFields.English] = English,
            [KnowledgeFields.AnswerEnglish] = English,
        };
        foreach (var (language, analyzer) in Translated)
        {
            fields[KnowledgeFields.QuestionIn(language)] = analyzer;
            fields[KnowledgeFields.AnswerIn(language)] = analyzer;
        }
        _fieldAnalyzers = fields;
        PerField = new PerFieldAnalyzerWrapper(Swedish, fields);
    }

    private readonly Dictionary<string, Analyzer> _fieldAnalyzers;

    /// <summary>The analyzer of each translated language's question and answer fields.</summary>
    public IReadOnlyDictionary<Language, Analyzer> Translated { get; }

    public static CityAnalysis Build(KnowledgeBase knowledge) => new(knowledge);

    /// <summary>
    /// Identifies what these analyzers make of a text: two builds with the same dictionary, synonyms,
    /// stems, linking forms and compound parts analyse every text alike, so analysed texts can be reused.
    /// </summary>
    public string Fingerprint { get; }

    private static string FingerprintOf(string dictionary, IReadOnlyList<SynonymGroup> synonyms, Lexicon lexicon, IReadOnlyList<string> parts)
    {
        using var fingerprint = new Knowledge.Fingerprint().Add(AnalysisVersion).Add(dictionary);
        foreach (var group in synonyms)
        {
            fingerprint.Add(string.Join('\u0001', group.Words) + "=>" + group.Target);
        }
        foreach (var (word, stem) in lexicon.Stems.Concat(lexicon.LinkingForms.Select(p => new KeyValuePair<string, string>("+" + p.Key, p.Value))).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            fingerprint.Add(word + "=" + stem);
        }
        foreach (var part in parts)
        {
            fingerprint.Add(part);
        }
        return fingerprint.ToString();
    }

    /// <summary>Raised when an analysis chain changes in code, so that analysed texts kept from before are not reused.</summary>
    private const string AnalysisVersion = "1";

    public Analyzer Lemmatizer { get; }
    public Analyzer Swedish { get; }
    public Analyzer Folded { get; }
    public Analyzer Grams { get; }
    public Analyzer English { get; }
    public PerFieldAnalyzerWrapper PerField { get; }

    public Analyzer For(string field) => field switch
    {
        KnowledgeFields.Question or KnowledgeFields.Answer => Swedish,
        KnowledgeFields.Folded => Folded,
        KnowledgeFields.Grams => Grams,
        _ => _fieldAnalyzers.GetValueOrDefault(field) ?? English,
    };

    /// <summary>The distinct terms of <paramref name="text"/> as indexed in <paramref name="field"/>.</summary>
    public List<string> Terms(string field, string text) => Terms(For(field), field, text);

    /// <summary>
    /// The terms of <paramref name="text"/> grouped by position: a word, then what is stacked on it
    /// (synonyms, compound parts, alternative lemmas).
    /// </summary>
    public List<string[]> Positions(string field, string text)
    {
        var positions = new List<List<string>>();
        using var stream = For(field).GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement > 0 || positions.Count == 0)
            {
                positions.Add([]);
            }
            var value = term.ToString();
            if (!positions[^1].Contains(value, StringComparer.Ordinal))
            {
                positions[^1].Add(value);
            }
        }
        stream.End();
        return positions.Select(p => p.ToArray()).ToList();
    }

    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (!terms.Contains(value, StringComparer.Ordinal))
            {
                terms.Add(value);
            }
        }
        stream.End();
        return terms;
    }

    public static string Fold(string word)
    {
        var normalized = word.Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark);
        return new string(chars.ToArray()).Normalize(System.Text.NormalizationForm.FormC);
    }

    private static Analyzer Build(Func<TokenStream, TokenStream> chain) =>
        Analyzer.NewAnonymous((field, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, chain(source));
        });

    private TokenStream Synonyms(TokenStream input)
    {
        var lowered = new LowerCaseFilter(Version, input);
        var mapped = new TermMapFilter(lowered, _stems);
        return _synonyms is null ? mapped : new SynonymFilter(mapped, _synonyms, ignoreCase: true);
    }

    /// <param name="lowered">a stream already in lower case</param>
    private TokenStream Lemmas(TokenStream lowered) =>
        _lemmatizer is null ? lowered : new CachedLemmaFilter(lowered, _lemmatizer);

    private List<string> CompoundDictionary(KnowledgeBase knowledge)
    {
        var excluded = new HashSet<string>(NotCompoundParts, StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in knowledge.Entries)
        {
            foreach (var text in entry.SwedishQuestions.Append(entry.Answer.Sv))
            {
                foreach (var lemma in Terms(Lemmatizer, KnowledgeFields.Question, text))
                {
                    if (lemma.Length >= 3 && lemma.All(char.IsLetter) && !excluded.Contains(lemma))
                    {
                        words.Add(lemma);
                    }
                }
            }
        }
        foreach (var group in knowledge.Synonyms)
        {
            foreach (var word in group.AllWords.Where(w => !w.Contains(' ', StringComparison.Ordinal)))
            {
                words.Add(word);
            }
        }
        words.UnionWith(knowledge.Lexicon.CompoundParts);
        words.UnionWith(knowledge.Lexicon.LinkingForms.Keys);
        return words.Order(StringComparer.Ordinal).ToList();
    }

    private static SynonymMap? BuildSynonyms(IReadOnlyList<SynonymGroup> groups)
    {
        if (groups.Count == 0)
        {
            return null;
        }
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var group in groups)
        {
            if (group.Target is { } target)
            {
                foreach (var word in group.Words)
                {
                    builder.Add(Phrase(word), Phrase(target), includeOrig: false);
                }
                continue;
            }
            foreach (var from in group.Words)
            {
                foreach (var to in group.Words.Where(w => w != from))
                {
                    builder.Add(Phrase(from), Phrase(to), includeOrig: true);
                }
            }
        }
        return builder.Build();
    }

    private static CharsRef Phrase(string words) =>
        SynonymMap.Builder.Join(words.Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries), new CharsRef());

    public void Dispose()
    {
        Lemmatizer.Dispose();
        Swedish.Dispose();
        Folded.Dispose();
        Grams.Dispose();
        English.Dispose();
        foreach (var analyzer in Translated.Values)
        {
            analyzer.Dispose();
        }
    }
}
