namespace Bot.Translation;

/// <summary>
/// Translates a resident's message for a guide who does not read the resident's language. No backend
/// is configured by default (no cloud account here): <see cref="Available"/> is then false and the
/// console says "Ingen maskinöversättning tillgänglig". Set <c>Translation:Url</c> for a
/// LibreTranslate-compatible server (<see cref="HttpMachineTranslator"/>).
/// </summary>
public interface IMachineTranslator
{
    bool Available { get; }

    /// <summary>The text in <paramref name="to"/>, or null when it could not be translated (no backend, an error, a timeout).</summary>
    Task<string?> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken);
}

/// <summary>No translation backend: nothing is translated.</summary>
internal sealed class NoMachineTranslator : IMachineTranslator
{
    public bool Available => false;

    public Task<string?> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>A machine translation shown to a guide next to the resident's own words (guide API: <c>translation</c>).</summary>
public sealed record MachineTranslation(string Text, string From, string To, bool Machine = true);
