namespace Bot.Guides;

/// <summary>The body of <c>POST /api/guide/login</c>.</summary>
internal sealed record GuideLoginRequest(string? UserName, string? Password);

/// <summary>The answer of <c>POST /api/guide/login</c>: a bearer token and when it expires (ISO 8601).</summary>
internal sealed record GuideLoginResponse(string Token, DateTimeOffset ExpiresAt);
