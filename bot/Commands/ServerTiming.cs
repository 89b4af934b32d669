using System.Globalization;

namespace Bot.Commands;

/// <summary>Reads the <c>Server-Timing</c> header of a Direct Line POST (<c>queue;dur=…, turn;dur=…</c>).</summary>
internal static class ServerTiming
{
    /// <summary>The turn's own time in milliseconds (without the time in line for a place), or null when the header has none.</summary>
    public static double? Turn(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Server-Timing", out var values) ? Metric(string.Join(",", values), "turn") : null;

    public static double? Metric(string header, string name)
    {
        foreach (var entry in header.Split(','))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            if (parts[0] != name)
            {
                continue;
            }
            foreach (var parameter in parts.Skip(1))
            {
                if (parameter.StartsWith("dur=", StringComparison.Ordinal)
                    && double.TryParse(parameter[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        return null;
    }
}
