using Dialogs.Engine;
using Dialogs.Protocol;
using Knowledge;

namespace Dialogs.Main;

/// <summary>Choosing the language, and messages in a language the bot does not serve.</summary>
public sealed partial class CityBot
{
    private async Task<ConversationState> OnLanguageChosenAsync(ITurnContext turn, ConversationState state, Language? chosen, CancellationToken cancellationToken)
    {
        if (chosen is not { } language)
        {
            return state;
        }
        // The welcome's topics again, now in the chosen language.
        var topics = Messages.WelcomeTopics.Select(t => CardAction.ImBack(t.For(language))).Append(CardAction.ImBack(LanguageChoice.MenuButton)).ToList();
        await SendAsync(turn, LanguageMessages.Switched.For(language), language, cancellationToken, topics);
        return state with { Language = language.Code(), Welcomed = true };
    }

    /// <summary>"Suomi", "språk", "🌐 Språk / Language": switch to the language named, or offer the choice.</summary>
    private async Task<(ConversationState, BotDecision)?> OnLanguageRequestAsync(ITurnContext turn, ConversationState state, string text, CancellationToken cancellationToken)
    {
        if (LanguageChoice.Named(text) is { } named)
        {
            state = await OnLanguageChosenAsync(turn, state, named, cancellationToken);
            return (state, Decision(Outcomes.SmallTalk, named));
        }
        if (!LanguageChoice.IsMenuRequest(text))
        {
            return null;
        }
        var language = LanguageCodes.FromCode(state.Language);
        var buttons = LanguageCodes.Served.Select(l => CardAction.ImBack(LanguageMessages.Name.For(l))).ToList();
        await SendAsync(turn, LanguageMessages.ChooseLanguage.For(language), language, cancellationToken, buttons);
        return (state, Decision(Outcomes.SmallTalk, language));
    }

    /// <summary>A message in a language we do not serve: the languages we do, the phone number and 112, in Swedish and English.</summary>
    private async Task<(ConversationState, BotDecision)> UnsupportedLanguageAsync(ITurnContext turn, ConversationState state, string text, Language language, CancellationToken cancellationToken)
    {
        var buttons = new[] { Language.Swedish, Language.English }
            .Select(l => CardAction.ImBack(Messages.TalkToGuideButton.For(l)))
            .Append(CardAction.ImBack(LanguageChoice.MenuButton))
            .ToList();
        await SendAsync(turn, LanguageMessages.Unsupported, language, cancellationToken, buttons);
        return (Remember(state with { PendingOptions = [] }, text, Outcomes.Fallback), Decision(Outcomes.Fallback, language));
    }
}
