namespace Knowledge;

/// <summary>A topic of the knowledge base and the service-guide group that handles it.</summary>
public sealed record Topic(string Name, string Group);
