using System.Security.Cryptography;
using System.Text;

namespace Bot.Channels.DirectLine;

/// <summary>Who is calling: a server holding the Direct Line secret, or a client holding one conversation's token.</summary>
internal sealed record DirectLineCaller(bool IsSecret, string? ConversationId, string? UserId)
{
    public bool CanAccess(string conversationId) => IsSecret || string.Equals(ConversationId, conversationId, StringComparison.Ordinal);
}

internal sealed class DirectLineAuth(DirectLineTokens tokens, IConfiguration configuration)
{
    public (DirectLineCaller? Caller, IResult? Error) Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return (null, DirectLineErrors.MissingAuthorization());
        }
        return AuthenticateValue(header[7..].Trim());
    }

    public (DirectLineCaller? Caller, IResult? Error) AuthenticateValue(string value)
    {
        var secret = configuration["DirectLine:Secret"];
        if (!string.IsNullOrEmpty(secret)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(secret)))
        {
            return (new DirectLineCaller(true, null, null), null);
        }
        var (check, claims) = tokens.Validate(value);
        return check switch
        {
            TokenCheck.Valid => (new DirectLineCaller(false, claims!.ConversationId, claims.UserId), null),
            TokenCheck.Expired => (null, DirectLineErrors.ExpiredToken()),
            _ => (null, DirectLineErrors.InvalidToken()),
        };
    }
}
