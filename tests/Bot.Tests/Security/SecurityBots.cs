using System.Net;
using Bot.Guides;
using Bot.Tests.Messenger;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Security;

/// <summary>
/// One bot shared by the tests of a class or collection (they run one after another), so that the suite
/// starts few hosts. Each test makes its own conversations and never assumes it is alone.
/// </summary>
public class SharedBot : IAsyncLifetime
{
    private BotApplication? _app;

    internal BotApplication App => _app ?? throw new InvalidOperationException("The fixture is not initialized.");

    public virtual async ValueTask InitializeAsync() => _app = await CreateAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    internal virtual Task<BotApplication> CreateAsync() => Task.FromResult(new BotApplication());
}

/// <summary>The resident-facing attacks (uploads, tokens, fault reports) share one bot at a fixed Tuesday morning.</summary>
[CollectionDefinition(Name)]
public sealed class ResidentAttacks : ICollectionFixture<ResidentBot>
{
    public const string Name = "Security: resident-facing attacks";
}

/// <summary>With the Messenger channel on, against a fake Graph API (which also plays Meta's CDN).</summary>
public sealed class ResidentBot : SharedBot
{
    private FakeGraphApi? _graph;

    internal FakeGraphApi Graph => _graph!;

    internal override async Task<BotApplication> CreateAsync()
    {
        _graph = await FakeGraphApi.StartAsync();
        return new BotApplication(settings: MessengerPage.Settings(_graph, new() { ["Bot:Now"] = "2026-11-24T10:00:00+01:00" }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_graph is not null)
        {
            await _graph.DisposeAsync();
        }
    }
}

/// <summary>
/// The bot on a real Kestrel listener (127.0.0.1, a free port; loopback is a known proxy), with a copy of the
/// content so that drafts can be written, and small limits: 3 tokens a minute per address, 5 activities a
/// minute per conversation, uploads of 1.5 MB per conversation and 2.5 MB per address and hour.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Limits : ICollectionFixture<LimitedBot>
{
    public const string Name = "Security: limits and smaller findings";
}

public sealed class LimitedBot : SharedBot
{
    private readonly ContentCopy _content = new();
    private int _residents;

    /// <summary>A chat of a new resident, with an address of its own behind the proxy (so the token limit is theirs).</summary>
    internal Task<ResidentChat> ChatAsync() => App.StartChatAsync(forwardedFor: NewAddress());

    /// <summary>A resident address nobody else in these tests uses.</summary>
    internal string NewAddress()
    {
        var n = Interlocked.Increment(ref _residents);
        return $"198.18.{n / 250}.{(n % 250) + 1}";
    }

    internal string ContentPath => _content.Path;

    /// <summary>A non-loopback address this machine has (the bot listens there too), or null.</summary>
    internal static IPAddress? ExternalAddress { get; } = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    /// <summary>A client that reaches the bot on <see cref="ExternalAddress"/>: a connection from no known proxy.</summary>
    internal HttpClient ExternalClient()
    {
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new HttpClient { BaseAddress = new Uri(addresses.Single(a => a.Contains(ExternalAddress!.ToString(), StringComparison.Ordinal))) };
    }

    internal override Task<BotApplication> CreateAsync()
    {
        var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Knowledge:ContentDirectory"] = _content.Path,
            ["Knowledge:ReloadSeconds"] = "0",
            ["DirectLine:TokensPerMinute"] = "3",
            ["DirectLine:ActivitiesPerMinute"] = "5",
            ["Uploads:MaxBytesPerConversation"] = "1500000",
            ["Uploads:MaxBytesPerHour"] = "2500000",
        });
        app.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            if (ExternalAddress is not null)
            {
                options.Listen(ExternalAddress, 0);
            }
        });
        app.StartServer();
        // Clients come from loopback, the known proxy, unless a test asks for ExternalClient().
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        app.ClientOptions.BaseAddress = new Uri(addresses.Single(a => a.Contains("127.0.0.1", StringComparison.Ordinal)));
        return Task.FromResult(app);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _content.Dispose();
    }
}

/// <summary>
/// The shared bot with configured guides (hashes at the old minimum cost): anna is an administrator; each
/// test uses its own guide so that ending sessions in one test leaves the others alone.
/// </summary>
public sealed class GuidesBot : SharedBot
{
    public const string Password = "Vårt-lösenord-2026";
    public static readonly string[] Guides = ["anna", "bo", "cecilia", "dora", "erik"];

    internal override Task<BotApplication> CreateAsync()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Guides.Length; i++)
        {
            settings[$"Guides:Accounts:{i}:UserName"] = Guides[i];
            settings[$"Guides:Accounts:{i}:PasswordHash"] = GuidePasswordHasher.Hash(Password, GuidePasswordHasher.MinIterations);
            settings[$"Guides:Accounts:{i}:Groups:0"] = "Allmänna frågor";
        }
        settings["Guides:Accounts:0:Admin"] = "true";
        return Task.FromResult(new BotApplication(settings: settings));
    }
}
