using System.Globalization;
using Knowledge;

namespace Dialogs.Alerts;

/// <summary>How alerts are put before answers and handoff messages.</summary>
public static class AlertMessages
{
    /// <summary>{0}: the alert text as staff wrote it.</summary>
    public static readonly LocalizedText Lead = new("Viktigt just nu: {0}", "Important right now: {0}");

    public static readonly LocalizedText LongerWait = new(
        "Många hör av sig om det här just nu, så det kan ta längre tid än vanligt innan en servicevägledare kan svara.",
        "Many people are contacting us about this right now, so it may take longer than usual before a service guide can answer.");

    /// <summary>The alerts that concern <paramref name="topic"/> as a paragraph to put first; null when none does.</summary>
    public static string? Before(IEnumerable<CrisisAlert> alerts, string? topic, Language language)
    {
        var texts = alerts.Where(a => a.Concerns(topic)).Select(a => string.Format(CultureInfo.InvariantCulture, Lead.For(language), a.TextIn(language))).ToList();
        return texts.Count == 0 ? null : string.Join("\n\n", texts);
    }

    /// <summary>For the handoff message: the alerts on the topic and that the wait is longer; null when none concerns it.</summary>
    public static string? ForHandoff(IEnumerable<CrisisAlert> alerts, string? topic, Language language) =>
        Before(alerts, topic, language) is { } before ? before + " " + LongerWait.For(language) : null;
}
