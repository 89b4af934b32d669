namespace Bot.Handoff;

/// <summary>The outcome of a guide's action on a case.</summary>
internal enum CaseActionResult
{
    Ok,
    NotFound,
    /// <summary>Another guide has the case (take it over explicitly), or it is closed.</summary>
    Conflict,
    Invalid,
}
