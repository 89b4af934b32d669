namespace Bot.Hosting;

/// <summary>A clock that always shows the moment set in Bot:Now (for demos and date checks).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
}
