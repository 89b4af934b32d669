using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bot.Email;

/// <summary>Sends one e-mail over SMTP with MailKit.</summary>
internal interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From!));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        // The outbox id as Message-ID: a retry after an unclear failure is recognisably the same e-mail.
        message.MessageId = $"{email.Id}@{message.From.Mailboxes.First().Domain}";
        message.Body = new TextPart("plain") { Text = email.Body };

        using var client = new SmtpClient { Timeout = 30_000 };
        var security = settings.Security switch
        {
            EmailSecurity.None => SecureSocketOptions.None,
            EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
