using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Knowledge.Analysis;

/// <summary>Replaces whole terms by a fixed base form (linking forms, colloquial stems).</summary>
internal sealed class TermMapFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IReadOnlyDictionary<string, string> _map;

    public TermMapFilter(TokenStream input, IReadOnlyDictionary<string, string> map)
        : base(input)
    {
        _map = map;
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        if (_map.Count > 0 && _map.TryGetValue(_term.ToString(), out var replacement))
        {
            _term.SetEmpty().Append(replacement);
        }
        return true;
    }
}
