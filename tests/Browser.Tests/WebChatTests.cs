using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Browser.Tests;

/// <summary>protocols.md §7 B: the official Web Chat 4.18.1 bundle in Chromium against the bot.</summary>
public sealed partial class WebChatTests(SharedBrowserFixture fixture)
{
    private const string SendFailedSv = "Det gick inte att skicka";
    private const string SendFailedEn = "Send failed";

    [Fact]
    public async Task B20_Hej_reaches_sent_and_no_send_failed_appears()
    {
        await using var chat = await WebChatSession.OpenAsync(fixture);

        await chat.SendAsync("Hej");
        var sent = await chat.WaitForSentAsync("Hej");
        var id = sent.GetProperty("id").GetString()!;
        var clientActivityId = sent.GetProperty("channelData").GetProperty("clientActivityID").GetString();
        Assert.False(string.IsNullOrEmpty(clientActivityId));

        var actions = await chat.ActionsAsync();
        Assert.Contains(actions, a => a.GetProperty("type").GetString() == "DIRECT_LINE/POST_ACTIVITY_FULFILLED");
        Assert.DoesNotContain(actions, a => a.GetProperty("type").GetString() == "DIRECT_LINE/POST_ACTIVITY_REJECTED");

        var reply = await chat.WaitForReplyAsync(id);
        var replyText = reply.GetProperty("text").GetString()!;
        await Assertions.Expect(chat.Page.GetByText(FirstLine(replyText)).First).ToBeVisibleAsync();

        // 'sent' is final in Web Chat: the send timeout only applies while 'sending'.
        var body = await chat.Page.InnerTextAsync("body");
        Assert.DoesNotContain(SendFailedSv, body, StringComparison.Ordinal);
        Assert.DoesNotContain(SendFailedEn, body, StringComparison.Ordinal);
        var stored = await fixture.Bot.GetActivitiesAsync(chat.Token.ConversationId, chat.Token.Token, TestContext.Current.CancellationToken);
        Assert.Contains(stored, a => a.GetProperty("id").GetString() == id
            && a.GetProperty("channelData").GetProperty("clientActivityID").GetString() == clientActivityId);
        AssertCleanConsole(chat);
    }

    [Fact]
    public async Task B21_negative_control_without_the_echo_Web_Chat_shows_send_failed()
    {
        // The WebSocket frames carrying the user's echo are dropped in the browser: Web Chat must
        // then report the send as failed, which proves B20's 'sent' depends on the echo.
        await using var chat = await WebChatSession.OpenAsync(fixture, styleOptions: new { sendTimeout = 3000 }, beforeLoad: page =>
            page.RouteWebSocketAsync(new Regex("/stream\\?"), ws =>
            {
                var server = ws.ConnectToServer();
                server.OnMessage(frame =>
                {
                    if (!IsUserEcho(frame.Text))
                    {
                        ws.Send(frame.Text ?? "");
                    }
                });
            }));

        await chat.SendAsync("Hej");
        await Assertions.Expect(chat.Page.GetByText(SendFailedSv).First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        var activities = await chat.ActivitiesAsync();
        var mine = Assert.Single(activities, a => a.GetProperty("type").GetString() == "message" && a.TryGetProperty("text", out var t) && t.GetString() == "Hej");
        Assert.NotEqual("sent", mine.GetProperty("channelData").GetProperty("webchat:send-status").GetString());
    }

    [Fact]
    public async Task B22_rapid_questions_and_replies_render_in_order_with_non_decreasing_timestamps()
    {
        await using var chat = await WebChatSession.OpenAsync(fixture);
        string[] questions = ["Hur skaffar jag bibliotekskort?", "När töms soptunnan?", "Var kan jag parkera?"];
        foreach (var question in questions)
        {
            await chat.SendAsync(question);
        }
        var ids = new List<string>();
        foreach (var question in questions)
        {
            var sent = await chat.WaitForSentAsync(question);
            ids.Add(sent.GetProperty("id").GetString()!);
        }
        foreach (var id in ids)
        {
            await chat.WaitForReplyAsync(id);
        }

        var messages = (await chat.ActivitiesAsync()).Where(a => a.GetProperty("type").GetString() == "message").ToList();
        var timestamps = messages.Select(a => DateTimeOffset.Parse(a.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var i = 1; i < timestamps.Count; i++)
        {
            Assert.True(timestamps[i] >= timestamps[i - 1], $"timestamp {i} ({timestamps[i]:O}) is older than {i - 1} ({timestamps[i - 1]:O})");
        }

        // Web Chat's order is the server's order: welcome, then each question followed by its answer.
        var stored = await fixture.Bot.GetActivitiesAsync(chat.Token.ConversationId, chat.Token.Token, TestContext.Current.CancellationToken);
        var storedMessageIds = stored.Where(a => a.GetProperty("type").GetString() == "message").Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(storedMessageIds, messages.Select(a => a.GetProperty("id").GetString()).ToList());
        for (var i = 0; i < ids.Count; i++)
        {
            var question = messages.FindIndex(a => a.GetProperty("id").GetString() == ids[i]);
            Assert.Equal(ids[i], messages[question + 1].GetProperty("replyToId").GetString());
        }

        // And the rendered transcript shows them in that order.
        var rendered = await chat.Page.Locator(".webchat__basic-transcript__activity").AllInnerTextsAsync();
        var position = 0;
        foreach (var message in messages)
        {
            var snippet = FirstLine(message.GetProperty("text").GetString()!);
            while (position < rendered.Count && !Normalize(rendered[position]).Contains(snippet, StringComparison.Ordinal))
            {
                position++;
            }
            Assert.True(position < rendered.Count, $"'{snippet}' is not rendered after the previous message. Rendered:\n{string.Join("\n---\n", rendered)}");
            position++;
        }
        AssertCleanConsole(chat);
    }

    [Fact]
    public async Task B25_suggested_actions_render_and_clicking_one_posts_it_and_the_bot_replies()
    {
        await using var chat = await WebChatSession.OpenAsync(fixture);
        var suggested = chat.Page.Locator(".webchat__suggested-actions");
        var library = suggested.GetByRole(AriaRole.Button, new() { Name = "Bibliotek", Exact = true });
        await Assertions.Expect(library).ToBeVisibleAsync();
        await Assertions.Expect(suggested.GetByRole(AriaRole.Button, new() { Name = "Snöröjning", Exact = true })).ToBeVisibleAsync();

        await library.ClickAsync();
        var sent = await chat.WaitForSentAsync("Bibliotek");
        var reply = await chat.WaitForReplyAsync(sent.GetProperty("id").GetString()!);
        Assert.False(string.IsNullOrWhiteSpace(reply.GetProperty("text").GetString()));
        await Assertions.Expect(chat.Page.GetByText(FirstLine(reply.GetProperty("text").GetString()!)).First).ToBeVisibleAsync();

        // The welcome's actions are gone once the resident has answered; the reply's own
        // suggested actions (if the knowledge base gives any) are offered and work the same way.
        await Assertions.Expect(suggested.GetByRole(AriaRole.Button, new() { Name = "Snöröjning", Exact = true })).ToHaveCountAsync(0);
        if (reply.TryGetProperty("suggestedActions", out var replyActions) && replyActions.GetProperty("actions").GetArrayLength() > 0)
        {
            var followUp = replyActions.GetProperty("actions")[0].GetProperty("title").GetString()!;
            var followUpButton = suggested.GetByRole(AriaRole.Button, new() { Name = followUp, Exact = true });
            await Assertions.Expect(followUpButton).ToBeVisibleAsync();
            await followUpButton.ClickAsync();
            var second = await chat.WaitForSentAsync(followUp);
            await chat.WaitForReplyAsync(second.GetProperty("id").GetString()!);
        }
        AssertCleanConsole(chat);
    }

    [Fact]
    public async Task B30_locale_sv_SE_Swedish_UI_and_outgoing_locale_and_time_zone()
    {
        await using var chat = await WebChatSession.OpenAsync(fixture);
        await Assertions.Expect(chat.SendBox).ToBeVisibleAsync();
        await Assertions.Expect(chat.Page.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true })).ToBeVisibleAsync();

        await chat.SendAsync("Hur skaffar jag bibliotekskort?");
        var sent = await chat.WaitForSentAsync("Hur skaffar jag bibliotekskort?");
        Assert.Equal("sv-SE", sent.GetProperty("locale").GetString());
        Assert.Equal("Europe/Stockholm", sent.GetProperty("localTimezone").GetString());
        Assert.Matches(TimestampWithOffset(), sent.GetProperty("localTimestamp").GetString());

        var id = sent.GetProperty("id").GetString()!;
        var stored = await fixture.Bot.GetActivitiesAsync(chat.Token.ConversationId, chat.Token.Token, TestContext.Current.CancellationToken);
        var echo = Assert.Single(stored, a => a.GetProperty("id").GetString() == id);
        Assert.Equal("sv-SE", echo.GetProperty("locale").GetString());
        Assert.Equal("Europe/Stockholm", echo.GetProperty("localTimezone").GetString());
        Assert.Equal("directline", echo.GetProperty("channelId").GetString());

        var reply = await chat.WaitForReplyAsync(id);
        Assert.Equal("sv-SE", reply.GetProperty("locale").GetString());
        // The transcript's screen-reader text is Swedish too ("Du sade:" / "Roboten … sade:").
        await Assertions.Expect(chat.Page.Locator("#webchat")).ToContainTextAsync("sade");
        AssertCleanConsole(chat);
    }

    /// <summary>An ActivitySet frame holding an activity from the user (the echo).</summary>
    private static bool IsUserEcho(string? frame)
    {
        if (string.IsNullOrEmpty(frame))
        {
            return false;
        }
        using var set = JsonDocument.Parse(frame);
        return set.RootElement.GetProperty("activities").EnumerateArray().Any(a =>
            a.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) && role.GetString() == "user");
    }

    /// <summary>
    /// No console errors or warnings at all, in particular no "Timed out while waiting for activity"
    /// (a wrong replyToId) and no failed Direct Line requests.
    /// </summary>
    private static void AssertCleanConsole(WebChatSession chat) =>
        Assert.True(chat.ConsoleProblems.Count == 0, "Console problems:\n" + string.Join("\n", chat.ConsoleProblems));

    private static string FirstLine(string text) => Normalize(text.Split('\n')[0]) is var line && line.Length > 30 ? line[..30] : line;

    private static string Normalize(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")]
    private static partial Regex TimestampWithOffset();
}
