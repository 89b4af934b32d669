using Knowledge.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Knowledge.Search;

/// <summary>
/// An in-memory Lucene index of one knowledge base: one document per question variant (Swedish or
/// English) and one per answer, collapsed per entry at search time. The translated questions and
/// answers (Finnish, Arabic, Persian, Somali) are in a second index with a field pair per language,
/// analysed for that language, so that they leave the Swedish and English scores as they were; a
/// message in one of those languages searches its own fields and the Swedish ones (residents mix in
/// Swedish nouns). The index is immutable; new content builds a new index that replaces this one as a whole.
/// </summary>
public sealed class KnowledgeIndex : IAnswerSource, IDisposable
{
    private const int MaxQueryTerms = 32;
    private const int HitsToCollapse = 60;
    private const int EntriesToScore = 15;
    private const int MaxFuzzyTerms = 3;
    private const int MaxGrams = 64;
    private static readonly double RankReverseWeight = double.Parse(Environment.GetEnvironmentVariable("RANK_R") ?? "0.2", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly double RankScoreWeight = double.Parse(Environment.GetEnvironmentVariable("RANK_S") ?? "0.3", System.Globalization.CultureInfo.InvariantCulture);
    private const int VariantsPerEntry = 3;
    private const float QuestionBoost = 3.0f;
    private const float FoldedBoost = 1.5f;
    private const float GramsBoost = 0.3f;
    private const float EnglishBoost = 1.0f;
    private const float EnglishQueryBoost = 3.0f;
    private const float AnswerBoost = 0.5f;
    private const float FuzzyBoost = 0.5f;
    private const float EnglishAnswerBoost = 1.2f;
    private const double GenericDocumentShare = 0.1;
    /// <summary>For a message in a translated language, the Swedish fields' score counts this much of its own language's.</summary>
    private const float SwedishShareForTranslated = 0.5f;

    private static readonly BM25Similarity Similarity = new(1.2f, 0.5f);

    private readonly CityAnalysis _analysis;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly List<IndexedVariant> _variants = [];
    private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);
    private readonly HashSet<string> _genericTerms;
    private readonly HashSet<string> _otherMunicipalities;
    private readonly HashSet<string> _swedishAnswerVocabulary;
    private readonly HashSet<string> _englishAnswerVocabulary;
    private readonly int _swedishDocuments;
    /// <summary>Entry id and variant ordinal (-1 for answer documents) by Lucene document number.</summary>
    private readonly (string EntryId, int Ordinal)[] _documents;
    /// <summary>Document frequency of every term of the folded and English fields, looked up without touching the index.</summary>
    private readonly Dictionary<string, int> _frequencies;
    private readonly int _englishDocuments;
    private readonly RAMDirectory _translationDirectory;
    private readonly DirectoryReader _translationReader;
    private readonly IndexSearcher _translationSearcher;
    /// <summary>Entry id and variant ordinal by document number of the translation index.</summary>
    private readonly (string EntryId, int Ordinal)[] _translationDocuments;
    private readonly Dictionary<Language, int> _translatedDocuments = new();
    private readonly Dictionary<Language, Dictionary<string, EntryTerms>> _translatedTerms = new();
    private readonly Dictionary<Language, HashSet<string>> _translatedAnswerVocabulary = new();

    private sealed record IndexedVariant(string EntryId, string Kind, string Text, HashSet<string> Terms, List<string[]> Positions);

    /// <summary>All words of an entry: its questions together, and its answer (weaker evidence).</summary>
    private sealed record EntryTerms(HashSet<string> Questions, HashSet<string> Answer);

    private readonly Dictionary<string, EntryTerms> _swedishTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntryTerms> _englishTerms = new(StringComparer.Ordinal);

    private KnowledgeIndex(KnowledgeBase knowledge)
    {
        Knowledge = knowledge;
        _analysis = CityAnalysis.Build(knowledge);
        _directory = new RAMDirectory();
        var config = new IndexWriterConfig(CityAnalysis.Version, _analysis.PerField) { Similarity = Similarity };
        // Analysis (Hunspell, decompounding) is the slow part of building: spread it over the cores.
        // IndexWriter and the analyzers are thread-safe.
        var work = knowledge.Entries
            .SelectMany(e => e.SwedishQuestions.Select(q => (Entry: e, Kind: KnowledgeFields.KindSwedish, Question: q))
                .Concat(e.QuestionsEn.Select(q => (Entry: e, Kind: KnowledgeFields.KindEnglish, Question: q))))
            .ToList();
        var variants = new IndexedVariant[work.Count];
        Parallel.For(0, work.Count, i =>
        {
            var (entry, kind, question) = work[i];
            var positions = _analysis.Positions(kind == KnowledgeFields.KindSwedish ? KnowledgeFields.Folded : KnowledgeFields.English, question);
            variants[i] = new IndexedVariant(entry.Id, kind, question, new HashSet<string>(positions.SelectMany(p => p), StringComparer.Ordinal), positions);
        });
        _variants.AddRange(variants);
        _swedishDocuments = work.Count(w => w.Kind == KnowledgeFields.KindSwedish);
        _englishDocuments = work.Count - _swedishDocuments;
        foreach (var item in work)
        {
            _exact.TryAdd(QuestionText.Normalize(item.Question), item.Entry.Id);
        }
        var byEntry = _variants.GroupBy(v => (v.EntryId, v.Kind)).ToDictionary(g => g.Key, g => g.SelectMany(v => v.Terms).ToHashSet(StringComparer.Ordinal));
        var answers = knowledge.Entries.AsParallel().Select(e => (e.Id,
            Swedish: new HashSet<string>(_analysis.Terms(KnowledgeFields.Folded, e.Answer.Sv), StringComparer.Ordinal),
            English: new HashSet<string>(_analysis.Terms(KnowledgeFields.English, e.Answer.En), StringComparer.Ordinal))).ToList();
        foreach (var (id, swedish, english) in answers)
        {
            _swedishTerms[id] = new EntryTerms(byEntry.GetValueOrDefault((id, KnowledgeFields.KindSwedish)) ?? [], swedish);
            _englishTerms[id] = new EntryTerms(byEntry.GetValueOrDefault((id, KnowledgeFields.KindEnglish)) ?? [], english);
        }
        using (var writer = new IndexWriter(_directory, config))
        {
            Parallel.For(0, work.Count, i => writer.AddDocument(VariantDocument(work[i].Entry, work[i].Kind, work[i].Question, i)));
            Parallel.ForEach(knowledge.Entries, entry => writer.AddDocument(
            [
                new StringField(KnowledgeFields.EntryId, entry.Id, Field.Store.YES),
                new StringField(KnowledgeFields.Kind, KnowledgeFields.KindAnswer, Field.Store.YES),
                new StoredField("n", -1),
                new TextField(KnowledgeFields.Answer, entry.Answer.Sv, Field.Store.NO),
                new TextField(KnowledgeFields.AnswerEnglish, entry.Answer.En, Field.Store.NO),
            ]));
            writer.ForceMerge(1);
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = Similarity };
        _documents = Documents(_reader);
        _frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        AddFrequencies(_reader, [KnowledgeFields.Folded, KnowledgeFields.English]);
        (_translationDirectory, _translationReader, _translationDocuments) = BuildTranslations(knowledge);
        _translationSearcher = new IndexSearcher(_translationReader) { Similarity = Similarity };
        _otherMunicipalities = new HashSet<string>(knowledge.Lexicon.OtherMunicipalities, StringComparer.Ordinal);
        _swedishAnswerVocabulary = new HashSet<string>(_swedishTerms.Values.SelectMany(t => t.Answer), StringComparer.Ordinal);
        _englishAnswerVocabulary = new HashSet<string>(_englishTerms.Values.SelectMany(t => t.Answer), StringComparer.Ordinal);
        // Function words weigh little when judging how much of a question an entry explains; they
        // stay in the index, where BM25's idf already discounts them.
        _genericTerms = new HashSet<string>(
            knowledge.Lexicon.GenericTerms
                .Concat(Lucene.Net.Analysis.Sv.SwedishAnalyzer.DefaultStopSet)
                .Concat(Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet)
                .Select(CityAnalysis.Fold),
            StringComparer.Ordinal);
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>Equal for two indexes whose analyzers treat every text alike (<see cref="CityAnalysis.Fingerprint"/>).</summary>
    public string AnalysisFingerprint => _analysis.Fingerprint;

    public static KnowledgeIndex Build(KnowledgeBase knowledge) => new(knowledge);

    /// <summary>
    /// The translation index: one document per translated question (a variant, numbered after the
    /// Swedish and English ones) and one per entry and language for the translated answer.
    /// </summary>
    private (RAMDirectory, DirectoryReader, (string, int)[]) BuildTranslations(KnowledgeBase knowledge)
    {
        var work = knowledge.Entries
            .SelectMany(e => LanguageCodes.Translations.Where(l => l != Language.EasySwedish)
                .SelectMany(l => e.QuestionsIn(l).Select(q => (Entry: e, Language: l, Question: q))))
            .ToList();
        var first = _variants.Count;
        var variants = new IndexedVariant[work.Count];
        Parallel.For(0, work.Count, i =>
        {
            var (entry, language, question) = work[i];
            var positions = _analysis.Positions(KnowledgeFields.QuestionIn(language), question);
            variants[i] = new IndexedVariant(entry.Id, language.Code(), question, new HashSet<string>(positions.SelectMany(p => p), StringComparer.Ordinal), positions);
        });
        _variants.AddRange(variants);
        foreach (var item in work)
        {
            _exact.TryAdd(QuestionText.Normalize(item.Question), item.Entry.Id);
        }
        var languages = work.Select(w => w.Language).Distinct().ToList();
        foreach (var language in languages)
        {
            _translatedDocuments[language] = work.Count(w => w.Language == language);
            var code = language.Code();
            var questions = variants.Where(v => v.Kind == code).GroupBy(v => v.EntryId)
                .ToDictionary(g => g.Key, g => g.SelectMany(v => v.Terms).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            var terms = new Dictionary<string, EntryTerms>(StringComparer.Ordinal);
            foreach (var entry in knowledge.Entries)
            {
                var answer = entry.Answer.Has(language)
                    ? new HashSet<string>(_analysis.Terms(KnowledgeFields.AnswerIn(language), entry.Answer.For(language)), StringComparer.Ordinal)
                    : [];
                terms[entry.Id] = new EntryTerms(questions.GetValueOrDefault(entry.Id) ?? [], answer);
            }
            _translatedTerms[language] = terms;
            _translatedAnswerVocabulary[language] = terms.Values.SelectMany(t => t.Answer).ToHashSet(StringComparer.Ordinal);
        }
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(CityAnalysis.Version, _analysis.PerField) { Similarity = Similarity }))
        {
            Parallel.For(0, work.Count, i => writer.AddDocument(
            [
                new StringField(KnowledgeFields.EntryId, work[i].Entry.Id, Field.Store.YES),
                new StringField(KnowledgeFields.Kind, work[i].Language.Code(), Field.Store.YES),
                new StoredField("n", first + i),
                new TextField(KnowledgeFields.QuestionIn(work[i].Language), work[i].Question, Field.Store.NO),
            ]));
            foreach (var language in languages)
            {
                Parallel.ForEach(knowledge.Entries.Where(e => e.Answer.Has(language)), entry => writer.AddDocument(
                [
                    new StringField(KnowledgeFields.EntryId, entry.Id, Field.Store.YES),
                    new StringField(KnowledgeFields.Kind, KnowledgeFields.KindAnswer, Field.Store.YES),
                    new StoredField("n", -1),
                    new TextField(KnowledgeFields.AnswerIn(language), entry.Answer.For(language), Field.Store.NO),
                ]));
            }
            writer.ForceMerge(1);
            writer.Commit();
        }
        var reader = DirectoryReader.Open(directory);
        AddFrequencies(reader, languages.Select(KnowledgeFields.QuestionIn));
        return (directory, reader, Documents(reader));
    }

    /// <summary>Entry id and variant ordinal of every document of an index.</summary>
    private static (string EntryId, int Ordinal)[] Documents(DirectoryReader reader)
    {
        var documents = new (string, int)[reader.MaxDoc];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            var stored = reader.Document(doc);
            documents[doc] = (stored.Get(KnowledgeFields.EntryId), stored.GetField("n").GetInt32Value() ?? -1);
        }
        return documents;
    }

    /// <summary>Records the document frequency of every term of <paramref name="fields"/>.</summary>
    private void AddFrequencies(DirectoryReader reader, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null)
            {
                continue;
            }
            var iterator = terms.GetEnumerator();
            while (iterator.MoveNext())
            {
                _frequencies[field + ":" + iterator.Term.Utf8ToString()] = iterator.DocFreq;
            }
        }
    }

    /// <summary>A language with its own fields in the translation index (Finnish, Arabic, Persian, Somali).</summary>
    private bool HasOwnFields(Language language) => _translatedTerms.ContainsKey(language);

    private static Document VariantDocument(KnowledgeEntry entry, string kind, string question, int ordinal)
    {
        var document = new Document
        {
            new StringField(KnowledgeFields.EntryId, entry.Id, Field.Store.YES),
            new StringField(KnowledgeFields.Kind, kind, Field.Store.YES),
            new StoredField("n", ordinal),
            new TextField(KnowledgeFields.Grams, question, Field.Store.NO),
        };
        if (kind == KnowledgeFields.KindSwedish)
        {
            document.Add(new TextField(KnowledgeFields.Question, question, Field.Store.NO));
            document.Add(new TextField(KnowledgeFields.Folded, question, Field.Store.NO));
        }
        else
        {
            document.Add(new TextField(KnowledgeFields.English, question, Field.Store.NO));
        }
        return document;
    }

    /// <summary>
    /// The words of <paramref name="text"/> as the index sees them (Swedish lemmas with synonyms and
    /// compound parts, å/ä/ö folded, and English stems), for models that learn from the same analysis.
    /// </summary>
    public IEnumerable<string> AnalyzedTerms(string text) =>
        _analysis.Terms(KnowledgeFields.Folded, text).Select(t => "s_" + t)
            .Concat(_analysis.Terms(KnowledgeFields.English, text).Select(t => "e_" + t));

    /// <summary>
    /// The same, and for a message in a translated language also its words as that language's
    /// analyzer sees them (Finnish stems, Arabic and Persian normalized letters, Somali without endings), prefixed with the language code.
    /// </summary>
    public IEnumerable<string> AnalyzedTerms(string text, Language language)
    {
        language = language.Written();
        var terms = AnalyzedTerms(text);
        return _analysis.Translated.ContainsKey(language)
            ? terms.Concat(_analysis.Terms(KnowledgeFields.QuestionIn(language), text).Select(t => language.Code() + "_" + t))
            : terms;
    }

    /// <summary>The entry whose question (or an alternative) is exactly this text, ignoring case and punctuation.</summary>
    public KnowledgeEntry? ExactMatch(string text) =>
        _exact.TryGetValue(QuestionText.Normalize(text), out var id) ? Knowledge.Find(id) : null;

    // Lucene search is synchronous and fast; the interface is asynchronous for remote sources.
    ValueTask<SearchResult> IAnswerSource.SearchAsync(string text, Language language, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Search(text, language));

    /// <summary>Finds the entries that may answer <paramref name="text"/>, best first, with a calibrated confidence.</summary>
    public SearchResult Search(string text, Language language, int maxCandidates = 5)
    {
        language = language.Written();
        if (ExactMatch(text) is { } exact)
        {
            var features = new SearchFeatures(1, 1, 1, 0, true, true);
            return new SearchResult([new Candidate(exact, 1, 1, exact.Question, 1, 1)], 1, features);
        }
        if (text.Length > QuestionText.MaxSearchLength)
        {
            text = text[..QuestionText.MaxSearchLength];
        }
        var foldedPositions = _analysis.Positions(KnowledgeFields.Folded, text).Take(MaxQueryTerms).ToList();
        var englishPositions = _analysis.Positions(KnowledgeFields.English, text).Take(MaxQueryTerms).ToList();
        var foldedTerms = foldedPositions.SelectMany(p => p).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();
        var englishTerms = englishPositions.SelectMany(p => p).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();
        var translated = HasOwnFields(language);
        var ownPositions = translated ? _analysis.Positions(KnowledgeFields.QuestionIn(language), text).Take(MaxQueryTerms).ToList() : [];
        var ownTerms = ownPositions.SelectMany(p => p).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();
        var query = BuildQuery(text, language, foldedTerms, englishTerms);
        var ownQuery = TranslatedQuery(language, ownTerms);
        if (query.Clauses.Count == 0 && ownQuery.Clauses.Count == 0)
        {
            return SearchResult.Empty;
        }

        var byEntry = new Dictionary<string, EntryMatch>(StringComparer.Ordinal);
        var hits = query.Clauses.Count == 0 ? Array.Empty<ScoreDoc>() : _searcher.Search(query, HitsToCollapse).ScoreDocs;
        if (!translated)
        {
            Collect(byEntry, hits, _documents, 1f);
        }
        else
        {
            // Scores of two indexes are not comparable: each relative to its own best, the message's own language first.
            var ownHits = ownQuery.Clauses.Count == 0 ? Array.Empty<ScoreDoc>() : _translationSearcher.Search(ownQuery, HitsToCollapse).ScoreDocs;
            Collect(byEntry, ownHits, _translationDocuments, ownHits.Length == 0 ? 0 : 1f / ownHits.Max(h => h.Score));
            Collect(byEntry, hits, _documents, hits.Length == 0 ? 0 : SwedishShareForTranslated / hits.Max(h => h.Score));
        }
        // Coverage is the expensive part: compute it for the best entries by BM25 only.
        foreach (var match in byEntry.Values.OrderByDescending(m => m.Score).Take(EntriesToScore))
        {
            foreach (var ordinal in match.Variants)
            {
                var variant = _variants[ordinal];
                var (positions, entryTerms, field, documents) = variant.Kind switch
                {
                    KnowledgeFields.KindSwedish => (foldedPositions, _swedishTerms[match.Entry.Id], KnowledgeFields.Folded, _swedishDocuments),
                    KnowledgeFields.KindEnglish => (englishPositions, _englishTerms[match.Entry.Id], KnowledgeFields.English, _englishDocuments),
                    _ => (ownPositions, _translatedTerms[language][match.Entry.Id], KnowledgeFields.QuestionIn(language), _translatedDocuments[language]),
                };
                var (coverage, reverse, topical) = Coverage(positions, variant, entryTerms, field, documents);
                if (coverage + (0.5 * reverse) > match.Coverage + (0.5 * match.ReverseCoverage))
                {
                    match.Coverage = coverage;
                    match.ReverseCoverage = reverse;
                    match.TopicTermMatched = topical;
                    match.Question = variant.Text;
                }
            }
        }
        if (byEntry.Count == 0)
        {
            return SearchResult.Empty;
        }

        var best = byEntry.Values.Max(m => m.Score);
        double Rank(EntryMatch m) => m.Coverage + (RankReverseWeight * m.ReverseCoverage) + (RankScoreWeight * m.Score / best);
        var ranked = byEntry.Values.OrderByDescending(Rank).ToList();
        var top = ranked[0];
        var margin = ranked.Count < 2 || Rank(top) <= 0 ? 1 : Math.Clamp((Rank(top) - Rank(ranked[1])) / Rank(top), 0, 1);
        var oov = translated ? OutOfVocabulary(ownTerms, KnowledgeFields.QuestionIn(language), _translatedAnswerVocabulary[language]) : OutOfVocabulary(foldedTerms, englishTerms, language);
        var result = new SearchFeatures(top.Coverage, top.ReverseCoverage, margin, oov, top.TopicTermMatched, false, OtherMunicipality(text, top.Entry));
        var maxScore = ranked.Max(m => m.Score);
        var candidates = ranked.Take(maxCandidates)
            .Select(m => new Candidate(m.Entry, maxScore <= 0 ? 0 : m.Score / maxScore, ConfidenceModel.Match(m.Coverage, m.ReverseCoverage), m.Question ?? m.Entry.Question, m.Coverage, m.ReverseCoverage))
            .ToList();
        return new SearchResult(candidates, ConfidenceModel.Confidence(result), result);
    }

    /// <summary>Adds the hits of one index to the entries' matches (scores times <paramref name="scale"/>).</summary>
    private void Collect(Dictionary<string, EntryMatch> byEntry, ScoreDoc[] hits, (string EntryId, int Ordinal)[] documents, float scale)
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            var (entryId, ordinal) = documents[hit.Doc];
            if (!byEntry.TryGetValue(entryId, out var match))
            {
                var entry = Knowledge.Find(entryId);
                if (entry is null || entry.ContextOnly)
                {
                    continue;
                }
                match = new EntryMatch(entry);
                byEntry[entryId] = match;
            }
            match.Score = Math.Max(match.Score, hit.Score * scale);
            if (ordinal >= 0 && added.GetValueOrDefault(entryId) < VariantsPerEntry)
            {
                added[entryId] = added.GetValueOrDefault(entryId) + 1;
                match.Variants.Add(ordinal);
            }
        }
    }

    /// <summary>The message's words in its own language's question fields (strong) and answer fields (weak).</summary>
    private static BooleanQuery TranslatedQuery(Language language, List<string> terms)
    {
        var query = new BooleanQuery(disableCoord: true);
        if (terms.Count == 0)
        {
            return query;
        }
        var questionField = KnowledgeFields.QuestionIn(language);
        var answerField = KnowledgeFields.AnswerIn(language);
        foreach (var term in terms)
        {
            query.Add(Boosted(new TermQuery(new Term(questionField, term)), QuestionBoost), Occur.SHOULD);
            query.Add(Boosted(new TermQuery(new Term(answerField, term)), AnswerBoost), Occur.SHOULD);
        }
        return query;
    }

    private sealed class EntryMatch(KnowledgeEntry entry)
    {
        public KnowledgeEntry Entry { get; } = entry;
        public float Score { get; set; }
        public double Coverage { get; set; }
        public double ReverseCoverage { get; set; }
        public bool TopicTermMatched { get; set; }
        public string? Question { get; set; }
        public List<int> Variants { get; } = [];
    }

    private BooleanQuery BuildQuery(string text, Language language, List<string> foldedTerms, List<string> englishTerms)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var term in _analysis.Terms(KnowledgeFields.Question, text).Take(MaxQueryTerms))
        {
            query.Add(Boosted(new TermQuery(new Term(KnowledgeFields.Question, term)), QuestionBoost), Occur.SHOULD);
            query.Add(Boosted(new TermQuery(new Term(KnowledgeFields.Answer, term)), AnswerBoost), Occur.SHOULD);
        }
        var fuzzy = 0;
        foreach (var term in foldedTerms)
        {
            query.Add(Boosted(new TermQuery(new Term(KnowledgeFields.Folded, term)), FoldedBoost), Occur.SHOULD);
            // Typo tolerance only for unknown words of Swedish questions, and only a few per question: fuzzy
            // matching is the expensive part (English words are all "unknown" to the Swedish field).
            if (language == Language.Swedish && term.Length >= 5 && fuzzy < MaxFuzzyTerms && Frequency(KnowledgeFields.Folded, term) == 0)
            {
                fuzzy++;
                var edits = term.Length >= 8 ? 2 : 1;
                query.Add(Boosted(new FuzzyQuery(new Term(KnowledgeFields.Folded, term), edits, 1, 10, true), FuzzyBoost), Occur.SHOULD);
            }
        }
        var englishBoost = language == Language.English ? EnglishQueryBoost : EnglishBoost;
        foreach (var term in englishTerms)
        {
            query.Add(Boosted(new TermQuery(new Term(KnowledgeFields.English, term)), englishBoost), Occur.SHOULD);
            query.Add(Boosted(new TermQuery(new Term(KnowledgeFields.AnswerEnglish, term)), language == Language.English ? EnglishAnswerBoost : AnswerBoost), Occur.SHOULD);
        }
        var grams = new BooleanQuery(disableCoord: true);
        foreach (var gram in _analysis.Terms(KnowledgeFields.Grams, text).Take(MaxGrams))
        {
            grams.Add(new TermQuery(new Term(KnowledgeFields.Grams, gram)), Occur.SHOULD);
        }
        if (grams.Clauses.Count > 0)
        {
            query.Add(Boosted(grams, GramsBoost), Occur.SHOULD);
        }
        return query;
    }

    private static Query Boosted(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }

    /// <summary>
    /// The idf-weighted share of the question's words that the entry explains: fully when the
    /// matched question variant has the word, a little less when another variant of the entry has
    /// it, less again when only the answer mentions it. Unknown words close to one of them (typos)
    /// count for most. Frequent words weigh little. Also the share of the variant the question covers.
    /// </summary>
    private (double Coverage, double Reverse, bool Topical) Coverage(List<string[]> query, IndexedVariant variant, EntryTerms entry, string field, int documents)
    {
        if (query.Count == 0 || variant.Terms.Count == 0)
        {
            return (0, 0, false);
        }
        double total = 0, covered = 0;
        var topical = false;
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var position in query)
        {
            // The word itself and its synonyms count fully; parts of a compound ("torg" in
            // "järntorget") only partly, so that one shared part does not make a match.
            var word = position[0];
            double best = 0;
            string? bestTerm = null;
            var weight = -1.0;
            foreach (var term in position)
            {
                var isPart = term != word && word.Contains(term, StringComparison.Ordinal);
                var frequency = Frequency(field, term);
                if (!isPart && (weight < 0 || (frequency > 0 && weight == Weight(word, 0, documents))))
                {
                    weight = Weight(term, frequency, documents);
                }
                var (credit, hit) = Credit(term, frequency, variant.Terms, entry);
                credit *= isPart ? PartFactor : 1.0;
                if (credit > best)
                {
                    (best, bestTerm) = (credit, hit);
                }
            }
            total += weight;
            if (bestTerm is null)
            {
                continue;
            }
            covered += best * weight;
            matched.Add(bestTerm);
            topical |= best >= QuestionCredit && IsTopical(bestTerm, Frequency(field, bestTerm), documents);
        }
        double variantTotal = 0, variantCovered = 0;
        foreach (var position in variant.Positions)
        {
            var weight = Weight(position[0], Frequency(field, position[0]), documents);
            variantTotal += weight;
            if (position.Any(matched.Contains))
            {
                variantCovered += weight;
            }
        }
        return (total <= 0 ? 0 : covered / total, variantTotal <= 0 ? 0 : variantCovered / variantTotal, topical);
    }

    private const double PartFactor = 0.5;
    private const double VariantCredit = 1.0;
    private const double QuestionCredit = 0.85;
    private const double AnswerCredit = 0.6;
    private const double TypoFactor = 0.8;
    private const double GenericWeight = 0.3;

    private static (double Credit, string? Matched) Credit(string term, int frequency, HashSet<string> variant, EntryTerms entry)
    {
        if (variant.Contains(term))
        {
            return (VariantCredit, term);
        }
        if (entry.Questions.Contains(term))
        {
            return (QuestionCredit, term);
        }
        if (entry.Answer.Contains(term))
        {
            return (AnswerCredit, term);
        }
        if (frequency == 0 && term.Length >= 5)
        {
            if (Nearest(term, variant) is { } near)
            {
                return (VariantCredit * TypoFactor, near);
            }
            if (Nearest(term, entry.Questions) is { } other)
            {
                return (QuestionCredit * TypoFactor, other);
            }
        }
        return (0, null);
    }

    private double Weight(string term, int frequency, int documents) =>
        Idf(frequency, documents) * (IsGeneric(term, frequency, documents) ? GenericWeight : 1.0);

    private bool IsGeneric(string term, int frequency, int documents) =>
        _genericTerms.Contains(term) || frequency >= GenericDocumentShare * Math.Max(1, documents) || term.Length <= 2;

    private bool IsTopical(string term, int frequency, int documents) => !IsGeneric(term, frequency, documents);

    private static string? Nearest(string term, HashSet<string> candidates) =>
        candidates.FirstOrDefault(c => c.Length >= 4 && EditDistance.Within(term, c, term.Length >= 8 ? 2 : 1));

    /// <summary>Another municipality named in the question and not in the entry (questions about Malmö are not ours).</summary>
    private string? OtherMunicipality(string text, KnowledgeEntry entry)
    {
        if (_otherMunicipalities.Count == 0)
        {
            return null;
        }
        var words = QuestionText.Normalize(text).Split(' ');
        foreach (var word in words)
        {
            var place = _otherMunicipalities.Contains(word) ? word
                : word.EndsWith('s') && _otherMunicipalities.Contains(word[..^1]) ? word[..^1]
                : null;
            if (place is not null && !QuestionText.Normalize(entry.Answer.Sv + " " + entry.Answer.En).Contains(place, StringComparison.Ordinal))
            {
                return place;
            }
        }
        return null;
    }

    /// <summary>
    /// Another municipality that the message asks about ("förskola i Mölndal"), or null. A
    /// municipality named as where the resident comes from ("vi har flyttat hit från Malmö") is context, not the subject.
    /// </summary>
    public string? OtherMunicipalityAsked(string text)
    {
        var words = QuestionText.Normalize(text).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var place = _otherMunicipalities.Contains(word) ? word
                : word.EndsWith('s') && _otherMunicipalities.Contains(word[..^1]) ? word[..^1]
                : null;
            if (place is not null && !(i > 0 && FromWords.Contains(words[i - 1])))
            {
                return place;
            }
        }
        return null;
    }

    private static readonly HashSet<string> FromWords = new(StringComparer.Ordinal) { "från", "fran", "ifrån", "ifran", "from", "frå" };

    /// <summary>The share of the question's words that appear nowhere in the knowledge base (questions or answers).</summary>
    private double OutOfVocabulary(List<string> foldedTerms, List<string> englishTerms, Language language)
    {
        var (terms, field, answers) = language == Language.English
            ? (englishTerms, KnowledgeFields.English, _englishAnswerVocabulary)
            : (foldedTerms, KnowledgeFields.Folded, _swedishAnswerVocabulary);
        if (terms.Count == 0)
        {
            return 1;
        }
        return OutOfVocabulary(terms, field, answers);
    }

    private double OutOfVocabulary(List<string> terms, string field, HashSet<string> answers) =>
        terms.Count == 0 ? 1 : terms.Count(t => Frequency(field, t) == 0 && !answers.Contains(t)) / (double)terms.Count;

    private int Frequency(string field, string term) => _frequencies.GetValueOrDefault(field + ":" + term);

    private static double Idf(int frequency, int documents) =>
        Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _translationReader.Dispose();
        _translationDirectory.Dispose();
        _analysis.Dispose();
    }
}
