using Knowledge.Content;
using Knowledge.Search;

namespace Knowledge.Tests;

/// <summary>The shipped knowledge base, indexed once for all tests in this assembly.</summary>
internal static class SharedKnowledge
{
    private static readonly Lazy<KnowledgeIndex> Lazy = new(() => KnowledgeIndex.Build(ContentLoader.Load(ContentFolder.Shipped()).Knowledge!));

    public static KnowledgeIndex Index => Lazy.Value;
}
