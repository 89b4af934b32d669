using System.Net.Http.Json;
using System.Text.Json;
using Dialogs.Protocol;

namespace Bot.Tests;

/// <summary>Opening hours over Direct Line, at the moment fixed by <c>Bot:Now</c>, from the content's facilities.</summary>
public class OpeningHoursTests
{
    [Fact]
    public async Task OpeningHoursQuestion_IsAnsweredForTheConfiguredNow()
    {
        await using var app = new BotApplication(settings: new Dictionary<string, string?> { ["Bot:Now"] = "2026-12-22T10:00:00+01:00" });
        var resident = await app.StartChatAsync();

        await resident.PostMessageAsync("Är Alelyckan öppet på juldagen?");
        var (activities, _) = await resident.GetActivitiesAsync();

        var reply = activities.Last(a => a.Type == ActivityTypes.Message && a.From?.Id == "stadsbot");
        Assert.Contains("Juldagen, fredag 25 december: stängt", reply.Text, StringComparison.Ordinal);
        var trace = activities.Last(a => a.Type == ActivityTypes.Trace);
        Assert.Equal("answer", trace.Value!.Value.GetProperty("outcome").GetString());
        Assert.Equal("facility:alelyckan", trace.Value!.Value.GetProperty("answerId").GetString());
    }

    [Fact]
    public async Task Handoff_UsesTheContactCentersHoursFromTheContent()
    {
        // The contact center closes at 09:00 in this content: at 10:00 a request for a person becomes a message,
        // answered by the first opening a day later (Wednesday 10:00 is closed too, so Thursday).
        var content = CopyContent(text => text.Replace(
            "hours: { mon-fri: \"08:00-17:00\", sat-sun: closed }", "hours: { mon-fri: \"08:00-09:00\", sat-sun: closed }", StringComparison.Ordinal));
        await using var app = new BotApplication(settings: new Dictionary<string, string?>
        {
            ["Bot:Now"] = "2026-11-24T10:00:00+01:00",
            ["Knowledge:ContentDirectory"] = content,
        });
        var guide = app.CreateClient();
        var login = await guide.PostAsJsonAsync("/api/guide/login", new { userName = "demo", password = "demo" }, TestContext.Current.CancellationToken);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        guide.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await guide.PostAsJsonAsync("/api/guide/status", new { ready = true }, TestContext.Current.CancellationToken);
        var resident = await app.StartChatAsync();

        await resident.PostMessageAsync("Jag vill prata med en människa");
        var (activities, _) = await resident.GetActivitiesAsync();

        Assert.Contains(activities, a => a.Text?.Contains("torsdag den 26 november", StringComparison.Ordinal) == true);
        var messages = await guide.GetFromJsonAsync<JsonElement>("/api/guide/cases?status=message", TestContext.Current.CancellationToken);
        Assert.Single(messages.EnumerateArray());
    }

    private static string CopyContent(Func<string, string> editFacilities)
    {
        var source = Shipped();
        var target = Path.Combine(Path.GetTempPath(), "content-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        var facilities = Path.Combine(target, "facilities.yaml");
        var edited = editFacilities(File.ReadAllText(facilities));
        Assert.NotEqual(File.ReadAllText(facilities), edited);
        File.WriteAllText(facilities, edited);
        return target;
    }

    private static string Shipped()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "knowledge", "content");
            if (File.Exists(Path.Combine(candidate, "facilities.yaml")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("knowledge/content");
    }
}
