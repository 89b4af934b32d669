using Bot.Hosting;
using Knowledge;

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

    /// <summary>The configuration and the indexed knowledge; on invalid content the problems are printed and the knowledge is null.</summary>
    public static (IConfiguration Configuration, KnowledgeProvider? Knowledge) OpenKnowledge(string[] args)
    {
        var (configuration, paths) = Build(args);
        var (knowledge, problems) = KnowledgeProvider.Open(paths.ContentDirectory);
        if (knowledge is null)
        {
            KnowledgeCheckCommand.Print(problems, Console.Error);
        }
        return (configuration, knowledge);
    }

    /// <summary>
    /// A file named on the command line. `dotnet run --project bot` runs in the project folder, so a
    /// relative path is also tried against the folder the command was typed in ($PWD).
    /// </summary>
    public static string? ResolveFile(string path)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }
        if (!Path.IsPathRooted(path) && Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell
            && File.Exists(Path.Combine(shell, path)))
        {
            return Path.Combine(shell, path);
        }
        return null;
    }
}
