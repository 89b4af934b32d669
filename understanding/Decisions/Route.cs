namespace Understanding.Decisions;

/// <summary>What the bot does with a message.</summary>
public enum Route
{
    /// <summary>Someone is in danger: 112 first.</summary>
    Emergency,
    /// <summary>Risk of suicide or self-harm: 112, Självmordslinjen and 1177.</summary>
    SelfHarm,
    /// <summary>Asks for a person.</summary>
    Human,
    /// <summary>About the resident's own case: a person with access to it must answer.</summary>
    OwnCase,
    /// <summary>Reports a fault: start the fault-report form.</summary>
    Fault,
    SmallTalk,
    /// <summary>A reaction to the previous answer.</summary>
    Feedback,
    /// <summary>Answer with the best entry.</summary>
    Answer,
    /// <summary>Two or three entries are plausible: let the resident choose.</summary>
    Clarify,
    /// <summary>Nothing in the knowledge base answers it: say so honestly.</summary>
    Decline,
}
