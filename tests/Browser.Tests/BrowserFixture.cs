using System.Collections.Concurrent;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Browser.Tests.SharedBrowserFixture))]

namespace Browser.Tests;

/// <summary>
/// One bot process and one Chromium per test class. Chromium is Debian's (/usr/bin/chromium, or
/// $CHROMIUM_PATH); Playwright never downloads a browser.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private BotServer? _bot;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Extra command-line settings for the bot process.</summary>
    protected virtual IEnumerable<string>? BotArguments => null;

    internal BotServer Bot => _bot ?? throw new InvalidOperationException("The fixture is not initialized.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException($"Chromium not found at {ChromiumPath}: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH).");
        }
        var starting = BotServer.StartAsync(BotArguments, TestContext.Current.CancellationToken);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        _bot = await starting;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
    }

    /// <summary>
    /// A fresh browser context (Swedish locale, Stockholm time) and page that records console problems.
    /// <paramref name="bypassCsp"/> lets a test inject scripts or test one defence without the page's CSP.
    /// </summary>
    public async Task<BrowserPage> NewPageAsync(bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = bypassCsp,
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(60_000);
        // Expectations poll until true; on a loaded 2-core CI machine the first reply can take longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        var result = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                result.ConsoleProblems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => result.ConsoleProblems.Add($"pageerror: {error}");
        return result;
    }
}

/// <summary>A page in its own browser context; disposing closes the context.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    /// <summary>Console errors/warnings and uncaught page errors seen so far.</summary>
    public ConcurrentBag<string> ConsoleProblems { get; } = [];

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

/// <summary>
/// One bot and one Chromium for the whole run, shared by the widget, Web Chat, language and upload
/// test classes: each of their tests works in a conversation of its own and changes nothing the
/// others see (no alerts, no clock, no settings), so one start-up serves them all.
/// </summary>
public sealed class SharedBrowserFixture : BrowserFixture;
