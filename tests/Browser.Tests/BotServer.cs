using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Browser.Tests;

/// <summary>Paths in the repository, found by walking up from the test binaries to the folder holding Bot.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string BotDirectory => Path.Combine(Root, "bot");

    public static string BotDll => Path.Combine(BotDirectory, "bin", "Debug", "net10.0", "Bot.dll");

    public static string NodeModules => Path.Combine(Root, "tests", "clients", "node_modules");

    /// <summary>A file of an npm package installed by `npm ci` in tests/clients.</summary>
    public static string NodeModule(params string[] parts)
    {
        var path = Path.Combine([NodeModules, .. parts]);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run `npm ci` in {Path.Combine(Root, "tests", "clients")} first.", path);
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"Bot.sln not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>
/// The built bot (bot/bin/Debug/net10.0/Bot.dll) as a child process on a free loopback port with a
/// fresh temporary data folder, started from the bot folder so appsettings.json and wwwroot are found.
/// It builds nothing: run `dotnet build Bot.sln` first.
/// </summary>
internal sealed class BotServer : IAsyncDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private BotServer(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>The Direct Line <c>domain</c> option for clients.</summary>
    public string DirectLineDomain => $"http://127.0.0.1:{Port}/v3/directline";

    public HttpClient Http { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<BotServer> StartAsync(IEnumerable<string>? extraArgs = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(RepoPaths.BotDll))
        {
            throw new FileNotFoundException($"{RepoPaths.BotDll} is missing: run `dotnet build Bot.sln` in {RepoPaths.Root} first.");
        }
        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("bot-browser-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.BotDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[RepoPaths.BotDll, "--urls", $"http://127.0.0.1:{port}", $"--Bot:DataDirectory={dataDirectory}", "--DirectLine:TokensPerMinute=1000", .. extraArgs ?? []])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Development: the guide console then has its demo account (Production refuses to start without guide accounts).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new BotServer(process, port, dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitForHealthAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>A website token for a new conversation (POST /api/directline/token).</summary>
    public async Task<WebsiteToken> CreateTokenAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsync("/api/directline/token", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<WebsiteToken>(cancellationToken)
            ?? throw new InvalidOperationException("Empty token response.");
    }

    /// <summary>The stored activities of a conversation (GET …/activities?watermark=).</summary>
    public async Task<JsonElement[]> GetActivitiesAsync(string conversationId, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/activities?watermark=");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var set = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return [.. set.GetProperty("activities").EnumerateArray()];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            if (_log.Length > 64 * 1024)
            {
                _log.Remove(0, _log.Length - 32 * 1024);
            }
            _log.AppendLine(line);
        }
    }

    private async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + HealthTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with code {_process.ExitCode} before it became healthy:\n{Log}");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await Http.GetAsync("/healthz", attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = exception.Message;
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"GET /healthz did not return 200 within {HealthTimeout.TotalSeconds} s (last: {last}):\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed record WebsiteToken(
    [property: System.Text.Json.Serialization.JsonPropertyName("token")] string Token,
    [property: System.Text.Json.Serialization.JsonPropertyName("conversationId")] string ConversationId,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
