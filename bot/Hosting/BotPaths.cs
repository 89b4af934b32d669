namespace Bot.Hosting;

/// <summary>Where the knowledge content and the bot's data live.</summary>
internal sealed record BotPaths(string ContentDirectory, string DataDirectory)
{
    public static BotPaths Resolve(IConfiguration configuration, string contentRoot)
    {
        var content = configuration["Knowledge:ContentDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : FindContent(contentRoot);
        var data = configuration["Bot:DataDirectory"] is { Length: > 0 } dataConfigured
            ? Path.GetFullPath(dataConfigured, contentRoot)
            : Path.Combine(contentRoot, "data");
        return new BotPaths(content, data);
    }

    /// <summary>
    /// The bot project folder when run from a clone (`dotnet run --project bot` from anywhere), so that
    /// appsettings.json, wwwroot and data/ are the project's; otherwise the host's default.
    /// </summary>
    public static string? DefaultContentRoot()
    {
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "Bot.csproj")))
        {
            return Directory.GetCurrentDirectory();
        }
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; i < 5 && folder is not null; i++, folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bot.csproj")))
            {
                return folder.FullName;
            }
        }
        return null;
    }

    /// <summary>The source folder knowledge/content when run from a clone (so edits apply), else the copy beside the binaries.</summary>
    private static string FindContent(string contentRoot)
    {
        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "knowledge", "content");
            if (Directory.Exists(Path.Combine(candidate, "entries")))
            {
                return candidate;
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "content");
    }
}
