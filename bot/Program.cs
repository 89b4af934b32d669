using Bot.Commands;
using Bot.Guides;
using Bot.Hosting;

if (args is ["knowledge", "check", ..])
{
    return KnowledgeCheckCommand.Run(args[2..]);
}
if (args is ["knowledge", "search", ..])
{
    return KnowledgeSearchCommand.Run(args[2..]);
}
if (args is ["knowledge", "import", ..])
{
    return KnowledgeImportCommand.Run(args[2..]);
}
if (args is ["knowledge", "export", ..])
{
    return KnowledgeExportCommand.Run(args[2..]);
}
if (args is ["knowledge", "train", ..])
{
    return KnowledgeTrainCommand.Run(args[2..]);
}
if (args is ["knowledge", "calibrate", ..])
{
    return CalibrateCommand.Run(args[2..]);
}
if (args is ["bench", ..])
{
    return await BenchCommand.RunAsync(args[1..]);
}
if (args is ["load", ..])
{
    return await LoadCommand.RunAsync(args[1..]);
}
if (args is ["hash-password", ..])
{
    return HashPasswordCommand.Run(args[1..]);
}
if (args is ["eval", ..])
{
    return await EvalCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = BotPaths.DefaultContentRoot() });
try
{
    builder.AddCityBot();
}
catch (ContentInvalidException invalid)
{
    KnowledgeCheckCommand.Print(invalid.Problems, Console.Error);
    Console.Error.WriteLine("The bot did not start: fix the knowledge content above (`dotnet run --project bot -- knowledge check`).");
    return 1;
}
var app = builder.Build();
app.UseCityBot();
await app.RunAsync();
return 0;
