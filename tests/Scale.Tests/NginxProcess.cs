using System.Diagnostics;

namespace Scale.Tests;

/// <summary>
/// nginx in front of the instances, as the README's example: round robin, WebSocket upgrade, the
/// forwarded headers. The access log records which instance served each request.
/// </summary>
internal sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public HttpClient Http { get; }

    /// <summary>The upstream port of every request so far, from the access log.</summary>
    public IReadOnlyList<string> Upstreams =>
        File.Exists(Path.Combine(_folder, "access.log"))
            ? File.ReadAllLines(Path.Combine(_folder, "access.log")).Select(l => l.Split(' ').Last()).ToList()
            : [];

    public static async Task<NginxProcess> StartAsync(IEnumerable<int> instancePorts, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("stadsbot-nginx-").FullName;
        var port = BotProcess.FreePort();
        var servers = string.Join("\n", instancePorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"));
        var config = $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
                log_format upstreamlog '$request_method $uri $status $upstream_addr';
                access_log {{folder}}/access.log upstreamlog;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                client_max_body_size 12m;
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                upstream stadsbot {
            {{servers}}
                    keepalive 64;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://stadsbot;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $host:$server_port;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_read_timeout 3600s;
                    }
                }
            }
            """;
        var configPath = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config, cancellationToken);
        var start = new ProcessStartInfo(ScaleServers.Nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", configPath, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new NginxProcess(process, folder, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await process.StandardError.ReadToEndAsync(cancellationToken)
                    + (File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : ""));
            }
            try
            {
                using var response = await nginx.Http.GetAsync("/healthz/live", cancellationToken);
                return nginx;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        throw new TimeoutException("nginx did not answer within 20 s.");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
