using Bot.Privacy;
using Bot.Storage;

namespace Bot.Email;

/// <summary>Registration of e-mail replies: options, the outbox, the SMTP sender and the worker.</summary>
internal static class EmailServices
{
    public static IServiceCollection AddEmailReplies(this IServiceCollection services, StoreOptions store)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        services.AddStore<IEmailOutbox, SqliteEmailOutbox, PostgresEmailOutbox>(store);
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<EmailOutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutboxWorker>());
        services.AddSingleton<CaseReplies>();
        services.AddSingleton<IPersonalDataStore, EmailPersonalData>();
        return services;
    }
}
