namespace Bot.Guides;

/// <summary>
/// The guide accounts, read once at start-up from <c>Guides:Accounts</c> (a change needs a restart).
/// In Development with no accounts configured there is one demo account, <c>demo</c>/<c>demo</c>.
/// </summary>
internal sealed class GuideAccountStore
{
    public const string DemoUserName = "demo";

    public static readonly IReadOnlyList<string> DemoGroups =
        ["Allmänna frågor", "Förskola och skola", "Äldreomsorg", "Bygglov", "Parkering", "Felanmälan"];

    // Verified against when the user name is unknown, so that the answer takes as long as for a known one.
    private static readonly Lazy<string> UnknownUser = new(() => GuidePasswordHasher.Hash(Guid.NewGuid().ToString("N")));

    // A fixed salt: the same hash on every start, so that sessions and tokens survive a restart. Made once per process.
    private static readonly Lazy<string> DemoHash = new(() =>
        GuidePasswordHasher.Hash("demo", GuidePasswordHasher.DefaultIterations, "stadsbot-demo-guide"u8.ToArray()));

    private readonly Dictionary<string, GuideAccount> _byUserName;

    public GuideAccountStore(IEnumerable<GuideAccount> accounts, bool isDemo = false)
    {
        All = accounts.ToList();
        _byUserName = All.ToDictionary(a => a.UserName, StringComparer.OrdinalIgnoreCase);
        IsDemo = isDemo;
    }

    public IReadOnlyList<GuideAccount> All { get; }

    /// <summary>True when the only account is the built-in Development demo account.</summary>
    public bool IsDemo { get; }

    /// <summary>A hash no password matches, to verify against for unknown user names (same cost as a real check).</summary>
    public static string UnknownUserHash => UnknownUser.Value;

    public GuideAccount? Find(string userName) => _byUserName.GetValueOrDefault(userName.Trim());

    /// <summary>True when the guide with this user name can chat in the language with this code (Swedish and English: everyone).</summary>
    public bool Speaks(string userName, string languageCode) =>
        GuideAccount.Common.Contains(languageCode) || (Find(userName)?.Speaks(languageCode) ?? false);

    /// <summary>Reads and checks <c>Guides:Accounts</c>; throws when they are wrong or missing outside Development.</summary>
    public static GuideAccountStore FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(GuideOptions.SectionName).Get<GuideOptions>() ?? new GuideOptions();
        var configured = options.Accounts;
        if (configured.Count == 0)
        {
            if (environment.IsDevelopment())
            {
                return new GuideAccountStore([new GuideAccount(DemoUserName, "Demo Vägledare", DemoHash.Value, DemoGroups, IsAdmin: true)], isDemo: true);
            }
            throw new InvalidOperationException(
                "Guides:Accounts is empty: configure at least one guide account (dotnet run --project bot -- hash-password prints a password hash) "
                + "as Guides:Accounts:0:UserName, :DisplayName, :PasswordHash and :Groups:0…, e.g. environment variables Guides__Accounts__0__UserName=anna "
                + $"and Guides__Accounts__0__PasswordHash=… . The demo account exists in Development only (environment: {environment.EnvironmentName}).");
        }

        var problems = new List<string>();
        var accounts = new List<GuideAccount>();
        for (var i = 0; i < configured.Count; i++)
        {
            var entry = configured[i];
            var userName = entry.UserName?.Trim();
            var where = $"Guides:Accounts:{i}" + (string.IsNullOrEmpty(userName) ? "" : $" ({userName})");
            if (string.IsNullOrEmpty(userName))
            {
                problems.Add($"{where}: UserName is missing.");
                continue;
            }
            if (userName.Length > 256 || userName.Any(char.IsControl))
            {
                problems.Add($"{where}: UserName must be at most 256 characters without control characters.");
            }
            if (accounts.Any(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{where}: the user name is used by another account.");
            }
            if (!GuidePasswordHasher.TryParse(entry.PasswordHash, out _, out _, out _, out var hashProblem))
            {
                problems.Add($"{where}: PasswordHash is not valid: {hashProblem}.");
            }
            var groups = entry.Groups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var displayName = string.IsNullOrWhiteSpace(entry.DisplayName) ? userName : entry.DisplayName.Trim();
            var languages = entry.Languages.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            foreach (var unknown in languages.Where(l => !Knowledge.LanguageCodes.IsKnown(l)))
            {
                problems.Add($"{where}: Languages lists `{unknown}`, which is not a language the bot serves (use {string.Join(", ", Knowledge.LanguageCodes.All)}).");
            }
            accounts.Add(new GuideAccount(userName, displayName, entry.PasswordHash ?? "", groups, entry.Admin, languages));
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Guides:Accounts is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
        return new GuideAccountStore(accounts);
    }
}
