using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scale.Tests;

/// <summary>
/// The built bot (bot/bin/Debug/net10.0/Bot.dll) as a child process on a free loopback port, started
/// from the bot folder as an operator would. <see cref="Kill"/> is kill -9 (SIGKILL): no shutdown code runs.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _log = new();
    private Process? _process;

    public BotProcess(string name, IReadOnlyList<string> settings)
    {
        Name = name;
        Settings = settings;
        Port = FreePort();
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }

    public IReadOnlyList<string> Settings { get; }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public HttpClient Http { get; }

    public bool Running => _process is { HasExited: false };

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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dll = Path.Combine(RepoPaths.Root, "bot", "bin", "Debug", "net10.0", "Bot.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: run `dotnet build Bot.sln` first.");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "bot"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, "--urls", $"http://127.0.0.1:{Port}", "--Bot:Trace=true", "--DirectLine:TokensPerMinute=100000", "--DirectLine:ActivitiesPerMinute=100000", .. Settings])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitForHealthAsync(cancellationToken);
    }

    /// <summary>kill -9: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
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
            if (_log.Length > 256 * 1024)
            {
                _log.Remove(0, _log.Length - 128 * 1024);
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
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it became healthy:\n{Log}");
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
        throw new TimeoutException($"{Name}: GET /healthz did not return 200 within {HealthTimeout.TotalSeconds} s (last: {last}):\n{Log}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Paths in the repository, found by walking up from the test binaries to the folder holding Bot.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

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
