using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using netDumbster.smtp;

namespace Browser.Tests;

/// <summary>
/// A Tuesday morning with two guides, Anna and Bo (one bot and one Chromium shared by the tests of issue 13's
/// live-chat points).
/// </summary>
public class ContactCenterFixture : BrowserFixture
{
    public const string AnnaHash = "pbkdf2-sha256$210000$ORcT7xjSHkoj9cGUOlxtVw==$Xc2VCTsiCsZ5LMq8BQ2kvPghgF2L8td2vdU+tmGBSvQ=";
    public const string BoHash = "pbkdf2-sha256$210000$2hNhbpKYnm/lb2u7U84GHA==$QOBc5n1e+VO02u7AuLI7IT75VwniwhBVMu98ng9LM8M=";

    protected virtual string Now => "2026-11-24T10:00:00+01:00";

    protected override IEnumerable<string>? BotArguments =>
    [
        $"--Bot:Now={Now}",
        "--Guides:Accounts:0:UserName=anna", "--Guides:Accounts:0:DisplayName=Anna Lind", $"--Guides:Accounts:0:PasswordHash={AnnaHash}",
        "--Guides:Accounts:0:Groups:0=Allmänna frågor", "--Guides:Accounts:0:Groups:1=Bygglov",
        "--Guides:Accounts:1:UserName=bo", "--Guides:Accounts:1:DisplayName=Bo Ek", $"--Guides:Accounts:1:PasswordHash={BoHash}",
        "--Guides:Accounts:1:Groups:0=Allmänna frågor",
        .. ExtraArguments,
    ];

    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>A guide on the API (bearer token), e.g. to be ready without a console or to act on a case.</summary>
    public async Task<HttpClient> GuideApiAsync(string userName = "anna", string password = "anna-secret")
    {
        var client = new HttpClient { BaseAddress = Bot.BaseUrl };
        var login = await client.PostAsJsonAsync("/api/guide/login", new { userName, password }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The console in a page, signed in, live connection up.</summary>
    public async Task<BrowserPage> ConsoleAsync(string userName = "anna", string password = "anna-secret")
    {
        var browser = await NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(new Uri(Bot.BaseUrl, "/guide/").ToString());
        await page.GetByLabel("Användarnamn").FillAsync(userName);
        await page.GetByLabel("Lösenord").FillAsync(password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#connection-status")).ToHaveTextAsync("Ansluten");
        return browser;
    }

    /// <summary>The demo page with the widget open and the greeting shown.</summary>
    public async Task<BrowserPage> ResidentAsync(int width = 1280, int height = 900, float scale = 1)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = scale,
        });
        context.SetDefaultTimeout(45_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        var result = new BrowserPage(context, page);
        page.PageError += (_, error) => result.ConsoleProblems.Add($"pageerror: {error}");
        await page.GotoAsync(Bot.BaseUrl.ToString());
        await page.Locator("#cb-launcher").ClickAsync();
        await Assertions.Expect(page.Locator(".cb-msg-bot")).ToHaveCountAsync(1);
        return result;
    }

    public static async Task AskAsync(IPage page, string text)
    {
        var bots = await page.Locator(".cb-msg-bot").CountAsync();
        await page.Locator("#cb-input").FillAsync(text);
        await page.Locator("#cb-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".cb-msg-bot")).Not.ToHaveCountAsync(bots);
    }
}

/// <summary>Julafton, when the contact center is closed: handoffs become messages; e-mail goes to a test SMTP server.</summary>
public sealed class AfterHoursFixture : ContactCenterFixture, IDisposable
{
    public AfterHoursFixture()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        SmtpPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Smtp = SimpleSmtpServer.Start(SmtpPort);
    }

    public int SmtpPort { get; }

    public SimpleSmtpServer Smtp { get; }

    protected override string Now => "2026-12-24T11:00:00+01:00";

    protected override IEnumerable<string> ExtraArguments =>
        ["--Email:SmtpHost=127.0.0.1", $"--Email:SmtpPort={SmtpPort}", "--Email:Security=None", "--Email:From=Göteborgs Stad <kontaktcenter@example.se>"];

    public void Dispose() => Smtp.Dispose();
}
