using Bot.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Bot.Storage;
using Bot.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Bot.Guides;

/// <summary>
/// Sign-in of service guides: the console cookie ("guide") and bearer tokens ("GuideBearer") for the
/// API and scripts, both checked against <see cref="GuideAccountStore"/>, and the
/// <see cref="GuidePolicies.Guide"/> policy. Resident-facing endpoints stay anonymous.
/// </summary>
internal static class GuideAuthentication
{
    public const string CookieScheme = "guide";
    public const string BearerScheme = "GuideBearer";
    public const string CookieName = "guide";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>The Data Protection application name: keeps cookies and tokens valid when the install folder changes.</summary>
    private const string DataProtectionApplication = "goteborg-stadsbot";

    /// <summary>
    /// Registers the guide accounts (throws when <c>Guides:Accounts</c> is invalid, or empty outside
    /// Development), Data Protection with keys in the data folder, both schemes and the policies.
    /// </summary>
    public static WebApplicationBuilder AddGuideAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var accounts = GuideAccountStore.FromConfiguration(builder.Configuration, builder.Environment);
        services.AddOptions<GuideOptions>().BindConfiguration(GuideOptions.SectionName);
        services.AddSingleton(accounts);
        services.AddHostedService<GuideDemoAccountWarning>();

        var paths = BotPaths.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplication);
        var store = StoreOptions.From(builder.Configuration);
        if (store.Postgres)
        {
            // Shared by every instance: a cookie or token from one is read by all.
            services.AddOptions<KeyManagementOptions>().Configure<PostgresDatabase>((options, database) => options.XmlRepository = new PostgresXmlRepository(database));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")));
        }

        // Expiry, sessions and throttling use real time even when Bot:Now fixes the bot's clock for demos.
        services.AddStore<IGuideSessionStore, SqliteGuideSessionStore, PostgresGuideSessionStore>(store);
        services.AddStore<IGuidePasswordStore, SqliteGuidePasswordStore, PostgresGuidePasswordStore>(store);
        services.AddSingleton<GuideLiveConnections>();
        services.AddSingleton(sp => new GuideSessions(sp.GetRequiredService<IGuideSessionStore>(), sp.GetRequiredService<GuideLiveConnections>(), TimeProvider.System));
        services.AddSingleton(sp => new GuidePasswords(accounts, sp.GetRequiredService<IGuidePasswordStore>(), TimeProvider.System));
        services.AddSingleton(sp => new GuideBearerTokens(sp.GetRequiredService<IDataProtectionProvider>(), accounts, sp.GetRequiredService<GuideSessions>(), TimeProvider.System));
        services.AddSingleton(sp => new GuideSignInThrottle(sp.GetRequiredService<Security.IRateCounter>(), TimeProvider.System));

        services.AddSingleton<GuideCookieEvents>();
        services.AddAuthentication(options => options.DefaultScheme = CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the resident-facing connection is HTTPS, also behind a TLS-terminating proxy
                // (X-Forwarded-Proto from a known proxy, see ForwardedHeaders).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.Cookie.IsEssential = true;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = GuidePaths.Login;
                options.LogoutPath = GuidePaths.Logout;
                options.ReturnUrlParameter = "returnUrl";
                options.EventsType = typeof(GuideCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, GuideBearerHandler>(BearerScheme, "Guide bearer token", _ => { });

        services.AddSingleton<IAuthorizationHandler, GuideRequirementHandler>();
        var guide = new AuthorizationPolicyBuilder(CookieScheme, BearerScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new GuideRequirement())
            .Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(GuidePolicies.Guide, guide)
            .SetDefaultPolicy(guide)
            // Not "require authentication": only console paths (/guide, including static files) need a guide.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(CookieScheme).AddRequirements(new GuideConsoleRequirement()).Build());
        return builder;
    }
}
