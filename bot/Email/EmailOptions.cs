namespace Bot.Email;

/// <summary>
/// SMTP for guides' e-mail replies to left messages (configuration section "Email"). Unset host: e-mail
/// replies are off and the console says so.
/// </summary>
internal sealed record EmailOptions
{
    public const string SectionName = "Email";

    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    /// <summary><c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public EmailSecurity Security { get; init; } = EmailSecurity.StartTls;
    public string? UserName { get; init; }
    public string? Password { get; init; }
    /// <summary>The sender, e.g. <c>Göteborgs Stad &lt;kontaktcenter@goteborg.se&gt;</c>.</summary>
    public string? From { get; init; }
    /// <summary>The first wait after a failed send; doubled each time, at most an hour.</summary>
    public double RetrySeconds { get; init; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost) && !string.IsNullOrWhiteSpace(From);
}

internal enum EmailSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
