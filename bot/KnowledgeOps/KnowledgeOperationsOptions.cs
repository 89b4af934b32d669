using System.Globalization;

namespace Bot.KnowledgeOps;

/// <summary>`Knowledge:ReloadSeconds`: how often the content folder is checked for edits (0 turns hot reload off).</summary>
internal sealed record KnowledgeOperationsOptions(TimeSpan ReloadInterval)
{
    public static KnowledgeOperationsOptions From(IConfiguration configuration)
    {
        var seconds = configuration["Knowledge:ReloadSeconds"] is { Length: > 0 } text
            ? double.Parse(text, CultureInfo.InvariantCulture)
            : 2;
        return new KnowledgeOperationsOptions(TimeSpan.FromSeconds(seconds));
    }
}
