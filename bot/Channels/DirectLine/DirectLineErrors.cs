namespace Bot.Channels.DirectLine;

/// <summary>The Direct Line error responses (JSON body, never resident text).</summary>
internal static class DirectLineErrors
{
    public static IResult Json(int status, string code, string message) =>
        Results.Json(ErrorResponse.Of(code, message), statusCode: status);

    public static IResult MissingAuthorization() =>
        Json(StatusCodes.Status401Unauthorized, "Unauthorized", "Send a Direct Line token or secret as 'Authorization: Bearer …'.");

    public static IResult InvalidToken() =>
        Json(StatusCodes.Status403Forbidden, "TokenInvalid", "The token is not valid.");

    public static IResult ExpiredToken() =>
        Json(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired.");

    public static IResult WrongConversation() =>
        Json(StatusCodes.Status403Forbidden, "Forbidden", "The token is not valid for this conversation.");

    public static IResult UnknownConversation() =>
        Json(StatusCodes.Status404NotFound, "BadArgument", "The conversation does not exist.");

    public static IResult BadArgument(string message) =>
        Json(StatusCodes.Status400BadRequest, "BadArgument", message);

    public static IResult TooLarge(int limit) =>
        Json(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The activity is larger than {limit / 1024} KB.");
}
