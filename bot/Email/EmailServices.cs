using Bot.Privacy;

namespace Bot.Email;

/// <summary>Registration of e-mail replies: options, the outbox, the SMTP sender and the worker.</summary>
internal static class EmailServices
{
    public static IServiceCollection AddEmailReplies(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        services.AddSingleton<IEmailOutbox, SqliteEmailOutbox>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<EmailOutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutboxWorker>());
        services.AddSingleton<CaseReplies>();
        services.AddSingleton<IPersonalDataStore, EmailPersonalData>();
        return services;
    }
}
