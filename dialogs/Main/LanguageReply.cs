using System.Text.Json;
using Dialogs.Protocol;
using Knowledge;

namespace Dialogs.Main;

/// <summary>A reply in a language: its BCP-47 locale, and the language's code in channelData for the widget (sv-easy has no locale of its own).</summary>
public static class LanguageReply
{
    public static Activity Create(Activity incoming, string text, Language language) =>
        incoming.CreateReply(text, language.Locale()) with { ChannelData = ChannelData(language) };

    public static JsonElement ChannelData(Language language) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["language"] = language.Code() });
}
