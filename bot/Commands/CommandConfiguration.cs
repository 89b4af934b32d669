using Bot.Hosting;

namespace Bot.Commands;

/// <summary>Configuration for command-line commands: the same files and variables as the web host.</summary>
internal static class CommandConfiguration
{
    public static (IConfiguration Configuration, BotPaths Paths) Build(string[] args)
    {
        var root = BotPaths.DefaultContentRoot() ?? AppContext.BaseDirectory;
        var configuration = new ConfigurationBuilder()
            .SetBasePath(root)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray())
            .Build();
        return (configuration, BotPaths.Resolve(configuration, root));
    }
}
