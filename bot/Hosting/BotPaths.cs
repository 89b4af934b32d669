namespace Bot.Hosting;

/// <summary>Where the knowledge content, the training corpus, the trained models and the bot's data live.</summary>
internal sealed record BotPaths(string ContentDirectory, string DataDirectory)
{
    /// <summary>The labelled corpus (train/ and validation/): `knowledge/training` beside the content.</summary>
    public string TrainingDirectory { get; init; } = Path.Combine(Path.GetDirectoryName(ContentDirectory) ?? ContentDirectory, "training");

    /// <summary>The trained models: `knowledge/models` beside the content.</summary>
    public string ModelDirectory { get; init; } = Path.Combine(Path.GetDirectoryName(ContentDirectory) ?? ContentDirectory, "models");

    public static BotPaths Resolve(IConfiguration configuration, string contentRoot)
    {
        var content = configuration["Knowledge:ContentDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : FindContent(contentRoot);
        var data = configuration["Bot:DataDirectory"] is { Length: > 0 } dataConfigured
            ? Path.GetFullPath(dataConfigured, contentRoot)
            : Path.Combine(contentRoot, "data");
        var paths = new BotPaths(content, data);
        return paths with
        {
            TrainingDirectory = configuration["Knowledge:TrainingDirectory"] is { Length: > 0 } training ? Path.GetFullPath(training, contentRoot) : paths.TrainingDirectory,
            ModelDirectory = configuration["Knowledge:ModelDirectory"] is { Length: > 0 } models ? Path.GetFullPath(models, contentRoot) : paths.ModelDirectory,
        };
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
