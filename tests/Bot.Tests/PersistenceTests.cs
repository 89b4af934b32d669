using Dialogs.Protocol;

namespace Bot.Tests;

public class PersistenceTests
{
    [Fact]
    public async Task Restart_KeepsTheConversationTokenAndState()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "bot-restart-" + Guid.NewGuid().ToString("N"));
        string conversationId, token, firstAnswerId;
        await using (var before = new BotApplication(dataDirectory))
        {
            var chat = await before.StartChatAsync();
            await chat.PostMessageAsync("Hur skaffar jag ett bibliotekskort?");
            (conversationId, token) = (chat.ConversationId, chat.Token);
            var (activities, _) = await chat.GetActivitiesAsync();
            firstAnswerId = activities.Last(a => a.Type == ActivityTypes.Trace).Value!.Value.GetProperty("answerId").GetString()!;
        }

        await using var after = new BotApplication(dataDirectory);
        var resumed = new ResidentChat(after.CreateClient(), conversationId, token);
        var (history, _) = await resumed.GetActivitiesAsync();
        var id = await resumed.PostMessageAsync("Hej!");
        var (all, watermark) = await resumed.GetActivitiesAsync();

        Assert.Contains(history, a => a.Text?.Contains("legitimation", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal($"{conversationId}|{history.Count:D7}", id);
        Assert.Equal(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), watermark);
        Assert.Equal(all.Count, all.Select(a => a.Id).Distinct().Count());
        Assert.NotNull(firstAnswerId);
        // The welcome is not repeated after the restart: the conversation state survived.
        Assert.Single(all, a => a.Text?.Contains("Göteborgs Stads chattbot", StringComparison.Ordinal) == true);
    }
}
