namespace Dialogs.Intents;

/// <summary>Fixed intents recognized before the knowledge base is searched.</summary>
public enum Intent
{
    None,
    Emergency,
    SelfHarm,
    HumanRequest,
    Greeting,
    Thanks,
    WhoAreYou,
    Help,
    Goodbye,
    NoneOfThese,
    NotHelpful,
    Frustration,
}
